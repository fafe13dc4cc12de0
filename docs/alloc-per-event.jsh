// Allocated bytes per event of the direct engine; run from the repository root:
//   jshell --class-path simulations/target/decentsim.jar docs/alloc-per-event.jsh
import org.decentsim.simulations.scenario.*;
import org.decentsim.simulations.launch.*;
import org.decentsim.coordinator.engine.*;
var tb = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
String[][] runs = {
  {"config/bench/overhead.conf"},
  {"config/bench/medium.conf"},
  {"config/bench/medium.conf", "decentsim.compression.uplink.kind=top-k",
   "decentsim.compression.uplink.error-feedback=ef21"}
};
for (String[] run : runs) {
  var sets = new java.util.ArrayList<String>(java.util.List.of(run).subList(1, run.length));
  sets.add("decentsim.stop.max-events=200000");
  var sc = ScenarioBuilder.load(java.nio.file.Path.of(run[0]), sets);
  LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener(){}, () -> 0);
  long id = Thread.currentThread().getId();
  long b = tb.getThreadAllocatedBytes(id);
  var o = LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener(){}, () -> 0);
  long a = tb.getThreadAllocatedBytes(id);
  long ev = o.rows().get(o.rows().size()-1).events();
  System.out.println(String.join(" ", run) + ": " + (a - b) / ev + " bytes/event over " + ev + " events (dim " + sc.federation().modelDim() + ")");
}
/exit
