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
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.report.Plots;
import org.decentsim.simulations.scenario.Scenario;

/**
 * Runs one scenario into a run directory: metrics.csv as rows come (flushed, so a killed run keeps
 * them), then summary.json and the plots. Shared by {@code run}, {@code sweep} and {@code replay}.
 */
public final class Runner {
  private Runner() {}

  /** What a finished run produced. */
  public record Result(Outcome outcome, double wallSeconds) {}

  /**
   * Runs {@code sc} into {@code dir}.
   *
   * @param progressOrNull where to print progress lines (about once a second), or null
   * @throws IOException when metrics.csv or summary.json cannot be written
   */
  public static Result execute(
      Scenario sc,
      RunDirectory dir,
      LocalLauncher.Engine engine,
      int threads,
      PrintWriter progressOrNull)
      throws IOException {
    return execute(sc, dir, engine, threads, progressOrNull, false);
  }

  /**
   * As {@link #execute(Scenario, RunDirectory, LocalLauncher.Engine, int, PrintWriter)}; with
   * {@code terminalBar} a progress bar is drawn on the terminal instead of progress lines.
   */
  public static Result execute(
      Scenario sc,
      RunDirectory dir,
      LocalLauncher.Engine engine,
      int threads,
      PrintWriter progressOrNull,
      boolean terminalBar)
      throws IOException {
    dir.writeScenario(sc);
    long start = System.nanoTime();
    Outcome o;
    Recorder rec;
    try (RunDirectory.CsvSink csv = dir.openMetrics();
        TerminalProgress bar =
            terminalBar && progressOrNull != null ? new TerminalProgress(sc.engine()) : null) {
      rec = new Recorder(csv, bar == null ? progressOrNull : null, start, bar);
      try {
        o =
            LocalLauncher.run(
                sc, engine, threads, false, rec, () -> (System.nanoTime() - start) / 1e9);
      } catch (RuntimeException e) {
        writeErrorLog(dir, e);
        throw e;
      }
      if (rec.failure != null) {
        throw rec.failure;
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String engineName = engine.name().toLowerCase(Locale.ROOT);
    dir.writeSummary(RunDirectory.summary(sc, o, engineName, threads, wall, peakHeap()));
    try {
      Plots.writeRunPlots(o.rows(), rec.stalenessCounts, dir.path());
    } catch (IOException | RuntimeException e) {
      if (progressOrNull != null) {
        progressOrNull.println("warning: plots not written: " + e.getMessage());
      }
    }
    return new Result(o, wall);
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
