package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.report.Plots;
import org.decentsim.simulations.run.RunDirectory;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decentsim run}: run a scenario, write its run directory, print its digest. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs a scenario and writes scenario.conf, metrics.csv, summary.json and plots (PNG, SVG).",
    footer = {
      "",
      "Examples:",
      "  decentsim run config/quickstart.conf",
      "  decentsim run config/quickstart.conf --set decentsim.algorithm.kind=fedasync --threads 2",
      "  decentsim run config/quickstart.conf --set decentsim.data.source=libsvm \\",
      "      --set decentsim.data.path=data/heart_scale --out runs/heart",
      "",
      "The last line printed is 'digest: <hex>': equal digests mean identical runs."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "HOCON scenario file")
  Path scenario;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a scenario key, e.g. decentsim.seed=7 (repeatable)")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "run directory (default: <output.dir>/<name>-<timestamp>)")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "dispatcher threads (default: the number of cores); never changes results")
  Integer threads;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "actor (default) or direct (one thread, no actors; same digest)")
  String engine = "actor";

  @Option(names = "--quiet", description = "no progress lines")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LocalLauncher.Engine eng =
          switch (engine) {
            case "actor" -> LocalLauncher.Engine.ACTOR;
            case "direct" -> LocalLauncher.Engine.DIRECT;
            default ->
                throw new ScenarioException("--engine " + engine + ": expected actor or direct");
          };
      int n = threads == null ? LocalLauncher.defaultThreads() : threads;
      if (n < 1 || n > 1024) {
        throw new ScenarioException("--threads " + n + ": must be between 1 and 1024");
      }
      Scenario sc = ScenarioBuilder.load(scenario, sets);
      Path parent = Path.of(sc.settings().config().getString("decentsim.output.dir"));
      RunDirectory dir = RunDirectory.create(out, parent, sc.name());
      dir.writeScenario(sc);
      if (!quiet) {
        err.println("decentsim: " + sc.description());
        err.println("decentsim: writing " + dir.path());
        err.flush();
      }
      long start = System.nanoTime();
      Outcome o;
      Progress progress;
      try (RunDirectory.CsvSink csv = dir.openMetrics()) {
        progress = new Progress(csv, quiet ? null : err, start);
        o = LocalLauncher.run(sc, eng, n, false, progress, () -> (System.nanoTime() - start) / 1e9);
        if (progress.failure != null) {
          throw progress.failure;
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      dir.writeSummary(RunDirectory.summary(sc, o, engine, n, wall, peakHeap()));
      try {
        Plots.writeRunPlots(o.rows(), progress.staleness(), dir.path());
      } catch (IOException | RuntimeException e) {
        err.println("warning: plots not written: " + e.getMessage());
      }
      report(stdout, sc, o, dir, wall);
      if (o.status() == Outcome.Status.DIVERGED) {
        err.println("error: " + o.message() + "; metrics so far are in " + dir.path());
        stdout.println("digest: " + o.digest());
        return Main.DIVERGED;
      }
      stdout.println("digest: " + o.digest());
      return 0;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: cannot write outputs: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }

  private static void report(
      PrintWriter out, Scenario sc, Outcome o, RunDirectory dir, double wall) {
    List<MetricsRow> rows = o.rows();
    out.println("run directory: " + dir.path());
    out.println("status: " + o.status().name().toLowerCase(Locale.ROOT) + " (" + o.message() + ")");
    if (!rows.isEmpty()) {
      MetricsRow first = rows.get(0);
      MetricsRow last = rows.get(rows.size() - 1);
      out.println(
          String.format(
              Locale.ROOT,
              "train loss %.6g -> %.6g; test accuracy %s; %d events, %d rounds, %d updates in %.2f s"
                  + " wall (%.0f events/s)",
              first.trainLoss(),
              last.trainLoss(),
              Double.isNaN(last.testAccuracy())
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.4f", last.testAccuracy()),
              last.events(),
              last.rounds(),
              last.updates(),
              wall,
              wall > 0 ? last.events() / wall : 0.0));
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Writes rows to metrics.csv and prints a progress line at most about once a second. */
  private static final class Progress implements RunListener {
    private final RunDirectory.CsvSink csv;
    private final PrintWriter err;
    private final long start;
    private long lastPrint;
    private long[] stalenessCounts = new long[16];
    IOException failure;

    Progress(RunDirectory.CsvSink csv, PrintWriter err, long start) {
      this.csv = csv;
      this.err = err;
      this.start = start;
      this.lastPrint = start - 2_000_000_000L;
    }

    @Override
    public void onUpdate(double time, int client, long versionSent, long staleness) {
      if (staleness >= stalenessCounts.length) {
        int n =
            (int)
                Math.min(
                    Integer.MAX_VALUE - 8, Math.max(staleness + 1, 2L * stalenessCounts.length));
        stalenessCounts = java.util.Arrays.copyOf(stalenessCounts, n);
      }
      stalenessCounts[(int) staleness]++;
    }

    long[] staleness() {
      return stalenessCounts;
    }

    @Override
    public void onRow(MetricsRow r) {
      try {
        csv.write(r);
      } catch (IOException e) {
        failure = e;
      }
      long now = System.nanoTime();
      if (err != null && now - lastPrint >= 1_000_000_000L) {
        lastPrint = now;
        double wall = (now - start) / 1e9;
        err.println(
            String.format(
                Locale.ROOT,
                "decentsim: t=%-10.4g loss=%-11.6g events=%-9d rounds=%-7d %.0f events/s",
                r.virtualTime(),
                r.trainLoss(),
                r.events(),
                r.rounds(),
                wall > 0 ? r.events() / wall : 0.0));
        err.flush();
      }
    }
  }
}
