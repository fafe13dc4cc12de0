// Allocated bytes per event of the direct engine; run from the repository root:
//   jshell --class-path simulations/target/decentsim.jar docs/alloc-per-event.jsh
import org.decentsim.simulations.scenario.*;
import org.decentsim.simulations.launch.*;
import org.decentsim.coordinator.engine.*;
var tb = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
for (String f : new String[]{"config/bench/overhead.conf", "config/bench/medium.conf"}) {
  var sc = ScenarioBuilder.load(java.nio.file.Path.of(f), java.util.List.of("decentsim.stop.max-events=200000"));
  LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener(){}, () -> 0);
  long id = Thread.currentThread().getId();
  long b = tb.getThreadAllocatedBytes(id);
  var o = LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener(){}, () -> 0);
  long a = tb.getThreadAllocatedBytes(id);
  long ev = o.rows().get(o.rows().size()-1).events();
  System.out.println(f + ": " + (a - b) / ev + " bytes/event over " + ev + " events (dim " + sc.federation().modelDim() + ")");
}
/exit
