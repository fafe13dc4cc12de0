package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.run.RunDirectory;
import org.decentsim.simulations.run.Runner;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Mixin ScenarioArgs args;

  @Mixin EngineArgs run;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "run directory (default: <output.dir>/<name>-<timestamp>)")
  Path out;

  @Option(names = "--quiet", description = "no progress lines")
  boolean quiet;

  @Option(names = "--verbose", description = "print stack traces of internal errors")
  boolean verbose;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "SECONDS",
      description =
          "write checkpoint.pb every SECONDS of virtual time (and on Ctrl-C); continue with"
              + " 'decentsim resume RUN_DIR'")
  Double checkpointEvery;

  private double checkpointEvery() throws ScenarioException {
    if (checkpointEvery == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (!(checkpointEvery > 0) || checkpointEvery.isInfinite()) {
      throw new ScenarioException("--checkpoint-every " + checkpointEvery + ": must be > 0");
    }
    return checkpointEvery;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LocalLauncher.Engine eng = run.engine();
      int n = run.threads();
      Scenario sc = ScenarioBuilder.load(args.scenario, args.sets);
      Path parent = Path.of(sc.settings().config().getString("decentsim.output.dir"));
      RunDirectory dir = RunDirectory.create(out, parent, sc.name());
      if (!quiet) {
        err.println("decentsim: " + sc.description());
        err.println("decentsim: writing " + dir.path());
        err.flush();
      }
      Runner.Result result;
      try {
        // a bar on a terminal; periodic lines when the output goes to a file, a pipe or CI
        boolean terminal = System.console() != null && System.getenv("CI") == null;
        result =
            Runner.execute(
                sc,
                dir,
                new Runner.Options(eng, n, quiet ? null : err, terminal, checkpointEvery()));
      } catch (RuntimeException e) {
        err.println(
            "internal error: "
                + e
                + " (stack trace in "
                + dir.path().resolve("error.log")
                + "; metrics so far in metrics.csv)");
        if (verbose) {
          e.printStackTrace(err);
        }
        return 1;
      }
      Outcome o = result.outcome();
      double wall = result.wallSeconds();
      report(stdout, o, dir, wall);
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

  private static void report(PrintWriter out, Outcome o, RunDirectory dir, double wall) {
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
      if (last.faults() > 0) {
        out.println(
            "warning: "
                + last.faults()
                + " jobs failed (column faults of metrics.csv); the first: "
                + o.firstFault());
      }
    }
  }
}
