// Takes turns between ways of running one scenario, in one JVM, and gives each way's events/s as a
// multiple of one direct engine alone in the same round: the ratios of a round share the
// machine's state, which drifts between commands (docs/PERFORMANCE.md, "Spread between
// commands"). The ways:
//   SPIN    one direct engine while another thread spins on integer arithmetic (no memory),
//   SHARED  two direct engines at once on one data set (they walk the same rows in step),
//   COPIES  two direct engines at once, each on a copy of the scenario of its own (bench --ceiling),
//   ACTOR1  the actor engine on one thread,
//   ACTOR   the actor engine on two threads.
// The order of the ways rotates from round to round. Each run is timed like `bench` times it:
// from the first evaluation point to the last. Stops with an error when two runs give different
// digests. Run from the repository root, once `./decentsim` has built the jar:
//   java -Xmx12g -cp simulations/target/decentsim.jar docs/interleave.java \
//       config/bench/medium.conf 8 [KEY=VALUE ...]
// Arguments: scenario, rounds, then any number of scenario overrides (as `--set` takes them).
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;

public class Interleave {
  private static final String[] WAYS = {"ALONE", "SPIN", "SHARED", "COPIES", "ACTOR1", "ACTOR"};
  private static volatile boolean spinning;
  private static volatile long sink;
  private static String digest;

  public static void main(String[] a) throws Exception {
    if (a.length < 2) {
      System.err.println("usage: scenario rounds [KEY=VALUE ...]");
      System.exit(2);
    }
    List<String> sets = Arrays.asList(a).subList(2, a.length);
    Scenario sc = ScenarioBuilder.load(Path.of(a[0]), sets);
    Scenario copy = ScenarioBuilder.load(Path.of(a[0]), sets);
    int rounds = Integer.parseInt(a[1]);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (String way : WAYS) {
      rate(way, sc, copy, pool); // unmeasured
    }
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      Map<String, Double> rates = new LinkedHashMap<>();
      for (int i = 0; i < WAYS.length; i++) {
        String way = WAYS[(i + r) % WAYS.length];
        rates.put(way, rate(way, sc, copy, pool));
      }
      double alone = rates.get("ALONE");
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: alone %.0f events/s", r, alone));
      for (String way : WAYS) {
        if (!way.equals("ALONE")) {
          double x = rates.get(way) / alone;
          ratios.computeIfAbsent(way, k -> new ArrayList<>()).add(x);
          line.append(String.format(Locale.ROOT, ", %s %.3f", way, x));
        }
      }
      System.out.println(line);
    }
    for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      System.out.printf(Locale.ROOT, "%s x alone: median %.3f (%.3f to %.3f)%n", e.getKey(), median, v[0], v[v.length - 1]);
    }
    System.exit(0); // the evaluation helpers' threads
  }

  /** Events/s of one way; for two engines at once, their sum. */
  private static double rate(String way, Scenario sc, Scenario copy, ExecutorService pool) throws Exception {
    switch (way) {
      case "ALONE":
        return time(sc, LocalLauncher.Engine.DIRECT, 1);
      case "ACTOR1":
        return time(sc, LocalLauncher.Engine.ACTOR, 1);
      case "ACTOR":
        return time(sc, LocalLauncher.Engine.ACTOR, 2);
      case "SPIN":
        spinning = true;
        Thread spinner = new Thread(() -> {
          long x = 1;
          while (spinning) {
            for (int i = 0; i < 1000; i++) {
              x = x * 31 + i;
            }
          }
          sink = x;
        });
        spinner.start();
        try {
          return time(sc, LocalLauncher.Engine.DIRECT, 1);
        } finally {
          spinning = false;
          spinner.join();
        }
      default:
        Scenario other = way.equals("COPIES") ? copy : sc;
        CompletableFuture<Double> first = CompletableFuture.supplyAsync(() -> time(sc, LocalLauncher.Engine.DIRECT, 1), pool);
        CompletableFuture<Double> second = CompletableFuture.supplyAsync(() -> time(other, LocalLauncher.Engine.DIRECT, 1), pool);
        return first.join() + second.join();
    }
  }

  private static double time(Scenario sc, LocalLauncher.Engine engine, int threads) {
    long start = System.nanoTime();
    var o = LocalLauncher.run(sc.newRun(new RunListener() {}, () -> (System.nanoTime() - start) / 1e9), engine, threads, false, n -> {});
    synchronized (Interleave.class) {
      if (digest != null && !digest.equals(o.digest())) {
        System.err.println("error: digests differ: " + digest + " and " + o.digest());
        System.exit(1);
      }
      digest = o.digest();
    }
    var rows = o.rows();
    double seconds = rows.get(rows.size() - 1).wallSeconds() - rows.get(0).wallSeconds();
    return rows.get(rows.size() - 1).events() / seconds;
  }
}
