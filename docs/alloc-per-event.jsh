// Allocated bytes per event of the direct engine (its thread, whole run of 200,000 events) and of
// the actor engine on two threads (every thread, between updates 200,000 and 300,000 of a second
// run); run from the repository root:
//   jshell -R-Xmx4g --class-path simulations/target/decentsim.jar docs/alloc-per-event.jsh
import org.decentsim.simulations.scenario.*;
import org.decentsim.simulations.launch.*;
import org.decentsim.coordinator.engine.*;
var tb = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
long allThreads() {
  long s = 0;
  for (long b : tb.getThreadAllocatedBytes(tb.getAllThreadIds())) s += Math.max(0, b);
  return s;
}
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
  System.out.println("direct " + String.join(" ", run) + ": " + (a - b) / ev + " bytes/event over " + ev + " events (dim " + sc.federation().modelDim() + ")");
}
for (String[] run : runs) {
  var sets = new java.util.ArrayList<String>(java.util.List.of(run).subList(1, run.length));
  sets.add("decentsim.stop.max-events=700000");
  if (run[0].contains("medium")) sets.add("decentsim.data.synthetic.features=99"); // d = 100
  var sc = ScenarioBuilder.load(java.nio.file.Path.of(run[0]), sets);
  long[] at = new long[2];
  long[] n = {0};
  RunListener marks = new RunListener() {
    public void onUpdate(double t, int c, long v, long s) {
      long k = ++n[0];
      if (k == 200000) at[0] = allThreads();
      if (k == 300000) at[1] = allThreads();
    }
  };
  LocalLauncher.run(sc, LocalLauncher.Engine.ACTOR, 2, false, new RunListener(){}, () -> 0);
  LocalLauncher.run(sc, LocalLauncher.Engine.ACTOR, 2, false, marks, () -> 0);
  System.out.println("actor " + String.join(" ", run) + ": " + (at[1] - at[0]) / 100000 + " bytes/update, every thread, updates 200,000 to 300,000 (dim " + sc.federation().modelDim() + ")");
}
/exit
