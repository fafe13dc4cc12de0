// Heap per idle client: the same data (1,000,000 rows) split over 500,000 and 1,000,000 clients;
// the difference in live heap after GC, once a run is built and has run its first events, divided
// by the 500,000 extra clients. Run from the repository root with a large heap:
//   jshell -R-Xmx8g --class-path simulations/target/decentsim.jar docs/heap-per-client.jsh
import org.decentsim.simulations.scenario.*;
import org.decentsim.simulations.launch.*;
import org.decentsim.coordinator.engine.*;
long live() {
  for (int i = 0; i < 4; i++) { System.gc(); }
  Runtime rt = Runtime.getRuntime();
  return rt.totalMemory() - rt.freeMemory();
}
long[] heap = new long[2];
int[] clients = {500_000, 1_000_000};
for (int k = 0; k < 2; k++) {
  var sc = ScenarioBuilder.load(java.nio.file.Path.of("config/bench/scale.conf"),
      java.util.List.of("decentsim.partition.clients=" + clients[k], "decentsim.data.synthetic.features=9",
          "decentsim.stop.max-events=20000"));
  var run = sc.newRun(new RunListener(){}, () -> 0);
  new DirectExecutor(run.federation()).run(run.simulation());
  heap[k] = live();
  System.out.println(clients[k] + " clients: " + heap[k] / 1_000_000 + " MB live after a 20,000-event run");
  run = null; sc = null; live();
}
System.out.println("per extra client: " + (heap[1] - heap[0]) / 500_000.0 + " bytes");
/exit
