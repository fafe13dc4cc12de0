package org.decentsim.simulations.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.bench.CoreToCore;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.run.Runner;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decentsim bench}: the actor engine against the direct engine (the plain single-thread loop
 * doing the same math) on one scenario, in one process.
 *
 * <p>Each measured run is timed from its first evaluation point (virtual time 0, after the actor
 * system is up) to its last, so start-up is excluded on both sides. Reports medians over the
 * repeats, the cores each engine kept busy in that window, and with {@code --ceiling} the combined
 * rate of N direct engines run at once, each on a copy of the scenario of its own: the most N
 * threads can give for the scenario's math. Each repeat also gives the core-to-core round trip
 * measured just before its actor run ({@link CoreToCore}), which the actor engine's speed follows.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Runs a scenario on the actor and the direct engine, checks the digests agree, and"
            + " reports events/s, their ratio and the overhead per event.",
    footer = {
      "",
      "Examples:",
      "  decentsim bench config/bench/overhead.conf --threads 2 --repeat 5",
      "  decentsim bench config/bench/medium.conf --threads 2 --repeat 3 --ceiling",
      "  decentsim bench config/quickstart.conf --repeat 1 --set decentsim.stop.max-events=2000"
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "dispatcher threads (default: cores)")
  Integer threads;

  @Option(names = "--repeat", paramLabel = "R", description = "measured repeats (default: 3)")
  int repeat = 3;

  @Option(names = "--warmup", paramLabel = "W", description = "unmeasured runs first (default: 1)")
  int warmup = 1;

  @Option(
      names = "--ceiling",
      description =
          "also run N direct engines at once, one per thread, each on a copy of the scenario of"
              + " its own (no coordination at all; the data held N times): the speed-up this"
              + " machine allows for the scenario's math")
  boolean ceiling;

  /**
   * One timed run; {@code cores}: process CPU time over wall time in the same window; {@code
   * coordinatorJobs}: jobs the coordinator computed itself (actor engine).
   */
  private record Timing(
      double eventsPerSecond, double cores, String digest, long coordinatorJobs) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      int n = threads == null ? LocalLauncher.defaultThreads() : threads;
      if (n < 1 || repeat < 1 || warmup < 0) {
        throw new ScenarioException("--threads and --repeat must be >= 1, --warmup >= 0");
      }
      Scenario sc = ScenarioBuilder.load(args.scenario, args.sets);
      int workers = LocalLauncher.workers(sc.newRun(new RunListener() {}, () -> 0), n);
      out.println(
          "bench: " + sc.description() + "; " + n + " threads; " + workers + " Worker actors");
      out.flush();
      Scenario[] copies = null;
      if (ceiling) {
        copies = copies(sc, n, args.scenario, args.sets);
        out.println("ceiling: the scenario loaded " + n + " times, a copy per direct engine");
        out.flush();
      }
      for (int w = 0; w < warmup; w++) {
        time(sc, LocalLauncher.Engine.DIRECT, n);
        time(sc, LocalLauncher.Engine.ACTOR, n);
      }
      double[] direct = new double[repeat];
      double[] actor = new double[repeat];
      double[] parallel = new double[repeat];
      double[] directCores = new double[repeat];
      double[] actorCores = new double[repeat];
      double[] coordinatorJobs = new double[repeat];
      double[] roundTrip = new double[repeat];
      boolean probeCores = Runtime.getRuntime().availableProcessors() >= 2;
      String digest = null;
      for (int r = 0; r < repeat; r++) {
        Timing d = time(sc, LocalLauncher.Engine.DIRECT, n);
        roundTrip[r] = probeCores ? CoreToCore.roundTripNanos(ROUND_TRIP_PROBE_NANOS) : 0;
        Timing a = time(sc, LocalLauncher.Engine.ACTOR, n);
        if (!d.digest().equals(a.digest()) || (digest != null && !digest.equals(d.digest()))) {
          err.println(
              "error: digests differ between engines or repeats: direct "
                  + d.digest()
                  + ", actor "
                  + a.digest());
          return 1;
        }
        digest = d.digest();
        direct[r] = d.eventsPerSecond();
        actor[r] = a.eventsPerSecond();
        directCores[r] = d.cores();
        actorCores[r] = a.cores();
        coordinatorJobs[r] = a.coordinatorJobs();
        String line =
            String.format(
                Locale.ROOT,
                "repeat %d: direct %.0f events/s, actor %.0f events/s",
                r + 1,
                d.eventsPerSecond(),
                a.eventsPerSecond());
        if (ceiling) {
          parallel[r] = timeAtOnce(copies, digest);
          line += String.format(Locale.ROOT, ", %d direct at once %.0f events/s", n, parallel[r]);
        }
        if (probeCores) {
          line += String.format(Locale.ROOT, "; core-to-core round trip %.0f ns", roundTrip[r]);
        }
        out.println(line);
        out.flush();
      }
      double md = median(direct);
      double ma = median(actor);
      out.println(String.format(Locale.ROOT, "direct engine: %.0f events/s (median)", md));
      out.println(
          String.format(
              Locale.ROOT,
              "actor engine:  %.0f events/s (median); the coordinator computed %.0f jobs itself"
                  + " (median)",
              ma,
              median(coordinatorJobs)));
      double[] ratios = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        ratios[r] = actor[r] / direct[r];
      }
      Arrays.sort(ratios);
      out.println(
          String.format(
              Locale.ROOT,
              "ratio actor/direct: %.3f (repeats %.3f to %.3f)",
              ma / md,
              ratios[0],
              ratios[repeat - 1]));
      out.println(
          String.format(Locale.ROOT, "overhead per event: %.3f us", (1 / ma - 1 / md) * 1e6));
      out.println(
          String.format(
              Locale.ROOT,
              "cores in use (process CPU time / wall time, JIT and GC included): direct %.2f,"
                  + " actor %.2f (median)",
              median(directCores),
              median(actorCores)));
      if (ceiling) {
        double mp = median(parallel);
        out.println(
            String.format(
                Locale.ROOT,
                "ceiling: %d direct engines at once, each on a copy of the data of its own,"
                    + " %.0f events/s in all (median), %.3f x one; actor engine at %.0f%% of it",
                n,
                mp,
                mp / md,
                100 * ma / mp));
      }
      out.println(
          String.format(Locale.ROOT, "peak heap: %.1f MB", Runner.peakHeap() / (1024.0 * 1024.0)));
      out.println("digest: " + digest);
      return 0;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }

  /** How long the core-to-core probe before each actor run takes (50 ms). */
  static final long ROUND_TRIP_PROBE_NANOS = 50_000_000;

  private static Timing time(Scenario sc, LocalLauncher.Engine engine, int threads) {
    long start = System.nanoTime();
    long[] cpu = new long[2]; // process CPU time at the first and at the last metrics row
    RunListener listener =
        new RunListener() {
          private boolean first = true;

          @Override
          public void onRow(MetricsRow row) {
            long t = processCpuNanos();
            if (first) {
              cpu[0] = t;
              first = false;
            }
            cpu[1] = t;
          }
        };
    long[] coordinatorJobs = new long[1];
    Outcome o =
        LocalLauncher.run(
            sc.newRun(listener, () -> (System.nanoTime() - start) / 1e9),
            engine,
            threads,
            false,
            n -> coordinatorJobs[0] = n);
    List<MetricsRow> rows = o.rows();
    MetricsRow first = rows.get(0);
    MetricsRow last = rows.get(rows.size() - 1);
    double seconds = last.wallSeconds() - first.wallSeconds();
    double cores = seconds > 0 && cpu[1] > cpu[0] ? (cpu[1] - cpu[0]) / 1e9 / seconds : Double.NaN;
    return new Timing(
        seconds > 0 ? last.events() / seconds : 0, cores, o.digest(), coordinatorJobs[0]);
  }

  /** CPU time of every thread of this process so far (JIT and GC included), or 0 if unknown. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  /**
   * {@code n} builds of the scenario, each with data of its own: {@code sc} and {@code n - 1} more
   * loaded from {@code file} with {@code sets}, as {@code sc} was. Engines sharing one data set
   * would walk the same rows in step, and the one behind would find them in the cache the other
   * filled; the actor engine's threads compute different clients, so its ceiling must not share
   * that way.
   */
  static Scenario[] copies(Scenario sc, int n, Path file, List<String> sets)
      throws ScenarioException {
    Scenario[] copies = new Scenario[n];
    copies[0] = sc;
    for (int t = 1; t < n; t++) {
      copies[t] = ScenarioBuilder.load(file, sets);
    }
    return copies;
  }

  /**
   * Runs one direct engine per scenario in {@code copies} at once, each in its own thread, and
   * returns their events/s added up.
   */
  private static double timeAtOnce(Scenario[] copies, String digest) {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Timing>> runs = new ArrayList<>();
    for (int t = 0; t < copies.length; t++) {
      Scenario copy = copies[t];
      CompletableFuture<Timing> f = new CompletableFuture<>();
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                  f.complete(time(copy, LocalLauncher.Engine.DIRECT, 1));
                } catch (Throwable e) {
                  f.completeExceptionally(e);
                }
              },
              "ceiling-" + t);
      th.start();
      runs.add(f);
    }
    go.countDown();
    double total = 0;
    for (CompletableFuture<Timing> f : runs) {
      Timing t = f.join();
      if (!t.digest().equals(digest)) {
        throw new IllegalStateException(
            "a direct engine run alongside others gave digest " + t.digest() + ", not " + digest);
      }
      total += t.eventsPerSecond();
    }
    return total;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
