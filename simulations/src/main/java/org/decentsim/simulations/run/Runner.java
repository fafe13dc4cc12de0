package org.decentsim.simulations.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.decentsim.coordinator.actor.Coordinator;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.wire.Checkpoint;
import org.decentsim.simulations.launch.ClusterLauncher;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.report.Plots;
import org.decentsim.simulations.scenario.Scenario;

/**
 * Runs one scenario into a run directory: metrics.csv as rows come (flushed, so a killed run keeps
 * them), then summary.json and the plots. Shared by {@code run}, {@code sweep} and {@code replay}.
 */
public final class Runner {
  private Runner() {}

  /**
   * What a finished run produced.
   *
   * @param clusterOrNull the cluster run's traffic, or null for a run in one JVM
   */
  public record Result(Outcome outcome, double wallSeconds, ClusterLauncher.Result clusterOrNull) {}

  /**
   * Runs a prepared run on a cluster, given the resolved scenario text the nodes build from and the
   * run directory (for the nodes' logs).
   */
  @FunctionalInterface
  public interface ClusterRun {
    ClusterLauncher.Result run(Scenario.Run run, String scenarioText, java.nio.file.Path runDir);
  }

  /**
   * How to run.
   *
   * @param progressOrNull where to print progress (about once a second), or null
   * @param terminalBar draw a progress bar instead of progress lines
   * @param checkpointEvery virtual seconds between checkpoints; infinity for none (Ctrl-C still
   *     writes one when checkpoints are on)
   * @param clusterOrNull runs the scenario on a cluster instead of {@code engine}; a cluster run
   *     writes no checkpoints (the clients' state lives on other nodes)
   * @param realtimeScale wall seconds per virtual second in realtime mode (not reproducible, no
   *     checkpoints), or 0 for virtual time
   */
  public record Options(
      LocalLauncher.Engine engine,
      int threads,
      PrintWriter progressOrNull,
      boolean terminalBar,
      double checkpointEvery,
      ClusterRun clusterOrNull,
      double realtimeScale) {

    /** Plain options: no progress, no checkpoints. */
    public static Options of(LocalLauncher.Engine engine, int threads) {
      return new Options(engine, threads, null, false, Double.POSITIVE_INFINITY, null, 0);
    }
  }

  /** Runs {@code sc} into {@code dir} from the start. */
  public static Result execute(Scenario sc, RunDirectory dir, Options opt) throws IOException {
    dir.writeScenario(sc);
    return go(sc, dir, opt, null);
  }

  /** Continues the run of {@code dir} from its checkpoint {@code c} (written by this scenario). */
  public static Result resume(Scenario sc, RunDirectory dir, Checkpoint c, Options opt)
      throws IOException {
    return go(sc, dir, opt, c);
  }

  private static Result go(Scenario sc, RunDirectory dir, Options opt, Checkpoint resumeFrom)
      throws IOException {
    String scenarioText = RunDirectory.scenarioCanonical(sc);
    long start = System.nanoTime();
    Outcome o;
    ClusterLauncher.Result cluster = null;
    Recorder rec;
    CountDownLatch written = new CountDownLatch(1);
    Thread hook = null;
    int workers = 0; // Worker actors of a one-JVM actor run
    try (RunDirectory.CsvSink csv = dir.openMetrics();
        TerminalProgress bar =
            opt.terminalBar() && opt.progressOrNull() != null
                ? new TerminalProgress(sc.engine())
                : null) {
      rec = new Recorder(csv, bar == null ? opt.progressOrNull() : null, start, bar);
      Scenario.Run run = sc.newRun(rec, () -> (System.nanoTime() - start) / 1e9);
      Simulation sim = run.simulation();
      if (opt.clusterOrNull() == null && opt.engine() == LocalLauncher.Engine.ACTOR) {
        workers = LocalLauncher.workers(run, opt.threads());
      }
      double every = opt.checkpointEvery();
      if (resumeFrom != null) {
        sim.restoreState(new StateReader(resumeFrom.getState().toByteArray()));
        every = resumeFrom.getCheckpointEvery();
        rec.stalenessCounts =
            resumeFrom.getStalenessHistogramList().stream().mapToLong(Long::longValue).toArray();
        if (rec.stalenessCounts.length == 0) {
          rec.stalenessCounts = new long[16];
        }
        for (MetricsRow r : sim.rows()) {
          csv.write(r);
        }
      }
      // periodic checkpoints when asked for; a final one on Ctrl-C in any case (one JVM only)
      double period = every;
      boolean checkpoints = opt.clusterOrNull() == null && opt.realtimeScale() == 0;
      if (opt.realtimeScale() > 0) {
        sim.setRealtime(opt.realtimeScale());
      }
      if (checkpoints) {
        sim.enableCheckpoints(
            period,
            (state, time) ->
                Checkpoints.write(
                    dir.path(), scenarioText, time, period, state, rec.stalenessCounts));
      }
      // Ctrl-C: stop at the next consistent point, checkpoint, and keep everything written
      hook =
          new Thread(
              () -> {
                sim.requestStop();
                try {
                  if (written.await(60, TimeUnit.SECONDS)) {
                    System.err.println(
                        checkpoints
                            ? "decentsim: interrupted; metrics and checkpoint saved in "
                                + dir.path()
                                + "; continue with: decentsim resume "
                                + dir.path()
                            : "decentsim: interrupted; metrics saved in " + dir.path());
                  }
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                }
              },
              "decentsim-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (opt.clusterOrNull() != null) {
          cluster = opt.clusterOrNull().run(run, RunDirectory.scenarioText(sc), dir.path());
          o = cluster.outcome();
        } else {
          o = LocalLauncher.run(run, opt.engine(), opt.threads(), false);
        }
      } catch (Coordinator.ClusterException e) {
        throw e;
      } catch (RuntimeException e) {
        writeErrorLog(dir, e);
        throw e;
      }
      if (rec.failure != null) {
        throw rec.failure;
      }
    } catch (IOException | RuntimeException e) {
      written.countDown();
      removeHook(hook);
      throw e;
    }
    try {
      double wall = (System.nanoTime() - start) / 1e9;
      String engineName =
          cluster != null ? "cluster" : opt.engine().name().toLowerCase(Locale.ROOT);
      Map<String, Object> summary =
          RunDirectory.summary(sc, o, engineName, opt.threads(), workers, wall, peakHeap());
      if (opt.realtimeScale() > 0) {
        summary.put("mode", realtimeLabel(opt.realtimeScale()));
      }
      if (cluster != null) {
        summary.put("wire_bytes_sent", cluster.bytesSent());
        summary.put("wire_bytes_received", cluster.bytesReceived());
        summary.put("wire_messages", cluster.messagesSent() + cluster.messagesReceived());
        summary.put("wire_bytes_per_event", cluster.bytesPerEvent());
      }
      dir.writeSummary(summary);
      try {
        Plots.writeRunPlots(o.rows(), rec.stalenessCounts, dir.path());
      } catch (IOException | RuntimeException e) {
        if (opt.progressOrNull() != null) {
          opt.progressOrNull().println("warning: plots not written: " + e.getMessage());
        }
      }
      return new Result(o, wall, cluster);
    } finally {
      written.countDown();
      removeHook(hook);
    }
  }

  /** How outputs name realtime mode. */
  public static String realtimeLabel(double scale) {
    return String.format(
        Locale.ROOT,
        "realtime, %.6g wall s per virtual s (arrival order: NOT reproducible)",
        scale);
  }

  private static void removeHook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already running its hooks (Ctrl-C): ours is waiting for us, nothing to undo
    }
  }

  /** Writes the stack trace of an internal error to {@code error.log} in the run directory. */
  public static void writeErrorLog(RunDirectory dir, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    try {
      Files.writeString(dir.path().resolve("error.log"), sw.toString(), StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // the caller reports the error itself; the log is a convenience
    }
  }

  /** Peak heap use of this JVM so far, bytes (sum over heap pools). */
  public static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Writes rows to metrics.csv, counts staleness, and prints progress about once a second. */
  private static final class Recorder implements RunListener {
    private final RunDirectory.CsvSink csv;
    private final PrintWriter progress;
    private final long start;
    private long lastPrint;
    long[] stalenessCounts = new long[16];
    IOException failure;

    private final TerminalProgress bar;

    Recorder(RunDirectory.CsvSink csv, PrintWriter progress, long start, TerminalProgress bar) {
      this.csv = csv;
      this.progress = progress;
      this.bar = bar;
      this.start = start;
      this.lastPrint = start - 2_000_000_000L;
    }

    @Override
    public void onUpdate(double time, int client, long versionSent, long staleness) {
      if (staleness >= stalenessCounts.length) {
        long n = Math.max(staleness + 1, 2L * stalenessCounts.length);
        stalenessCounts = Arrays.copyOf(stalenessCounts, (int) Math.min(Integer.MAX_VALUE - 8, n));
      }
      stalenessCounts[(int) staleness]++;
    }

    @Override
    public void onRow(MetricsRow r) {
      try {
        csv.write(r);
      } catch (IOException e) {
        failure = e;
      }
      long now = System.nanoTime();
      if (bar != null) {
        bar.update(r, (now - start) / 1e9);
      }
      if (progress != null && now - lastPrint >= 1_000_000_000L) {
        lastPrint = now;
        double wall = (now - start) / 1e9;
        progress.println(
            String.format(
                Locale.ROOT,
                "decentsim: t=%-10.4g loss=%-11.6g events=%-9d rounds=%-7d %.0f events/s",
                r.virtualTime(),
                r.trainLoss(),
                r.events(),
                r.rounds(),
                wall > 0 ? r.events() / wall : 0.0));
        progress.flush();
      }
    }
  }
}
