// Time of one evaluation of the scale scenario's model (1,000,000 clients, 1,000,000 rows, d = 100):
// the evaluator of a built run, timed over ten evaluations after three unmeasured ones. Run from
// the repository root with a large heap:
//   jshell -R-Xmx8g --class-path simulations/target/decentsim.jar docs/evaluation-time.jsh
import org.decentsim.simulations.scenario.*;
import org.decentsim.coordinator.engine.*;
import org.decentsim.coordinator.metrics.*;
var sc = ScenarioBuilder.load(java.nio.file.Path.of("config/bench/scale.conf"), java.util.List.of());
var run = sc.newRun(new RunListener(){}, () -> 0);
var fed = run.federation();
double[] p = new double[fed.clients()];
for (int i = 0; i < p.length; i++) { p[i] = (double) fed.partition().size(i) / fed.train().rows(); }
var evaluator = new Evaluator(fed, p, false);
double[] x = new double[100];
for (int j = 0; j < x.length; j++) { x[j] = 0.01 * (j % 7 - 3); }
for (int k = 0; k < 3; k++) { evaluator.evaluate(x); }
double[] seconds = new double[10];
for (int k = 0; k < seconds.length; k++) {
  long t0 = System.nanoTime();
  evaluator.evaluate(x);
  seconds[k] = (System.nanoTime() - t0) / 1e9;
}
java.util.Arrays.sort(seconds);
System.out.printf("one evaluation: median %.3f s, fastest %.3f s, slowest %.3f s (%d cores)%n",
    (seconds[4] + seconds[5]) / 2, seconds[0], seconds[9], Runtime.getRuntime().availableProcessors());
/exit
