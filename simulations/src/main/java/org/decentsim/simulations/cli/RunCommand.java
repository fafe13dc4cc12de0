package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.decentsim.coordinator.actor.Coordinator;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.launch.ClusterLauncher;
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
      "  decentsim run config/quickstart.conf --cluster --expect-nodes 2",
      "      (then start two 'decentsim node --role worker --seed-nodes 127.0.0.1:25520')",
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

  @Option(
      names = "--cluster",
      description =
          "run as the coordinator of an Akka Cluster: wait for --expect-nodes worker nodes"
              + " ('decentsim node'), give them the clients, and run there (same digest)")
  boolean cluster;

  @Option(
      names = "--expect-nodes",
      paramLabel = "N",
      description = "worker nodes to wait for and use (with --cluster)")
  Integer expectNodes;

  @Option(
      names = "--keep-nodes",
      description = "leave the worker nodes running for the next run (with --cluster)")
  boolean keepNodes;

  @Option(
      names = "--join-timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for the worker nodes (with --cluster; default: 60)")
  Double joinTimeout;

  @Mixin NetworkArgs network;

  @Mixin RealtimeArgs realtime;

  /** Builds (and checks) the run's options, before its directory is created. */
  @FunctionalInterface
  interface RunOptions {
    Runner.Options make(PrintWriter progressOrNull, boolean terminal) throws ScenarioException;
  }

  private Runner.ClusterRun clusterRun(int threads) throws ScenarioException {
    if (!cluster) {
      if (network.any() || expectNodes != null || keepNodes || joinTimeout != null) {
        throw new ScenarioException(
            "--seed-nodes, --expect-nodes, --keep-nodes, --join-timeout, --hostname, --port,"
                + " --down-after and --tls-* need --cluster");
      }
      return null;
    }
    if (run.engine() != LocalLauncher.Engine.ACTOR) {
      throw new ScenarioException("--engine " + run.engine + ": a cluster run uses actors");
    }
    if (checkpointEvery != null) {
      throw new ScenarioException(
          "--checkpoint-every: a cluster run writes no checkpoints (its clients' state lives on"
              + " the worker nodes)");
    }
    if (expectNodes == null || expectNodes < 1) {
      throw new ScenarioException("--cluster needs --expect-nodes N (N >= 1 worker nodes)");
    }
    ClusterLauncher.Coordination c =
        new ClusterLauncher.Coordination(
            network.network(ClusterLauncher.DEFAULT_PORT, true),
            expectNodes,
            keepNodes,
            joinTimeout(joinTimeout),
            0);
    return (r, text, dir) -> ClusterLauncher.run(r, text, c, threads, false);
  }

  static Duration joinTimeout(Double seconds) throws ScenarioException {
    double t = seconds == null ? 60 : seconds;
    if (!(t > 0) || Double.isInfinite(t)) {
      throw new ScenarioException("--join-timeout " + t + ": must be > 0 seconds");
    }
    return Duration.ofMillis((long) (t * 1000));
  }

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
    return execute(
        args,
        out,
        quiet,
        verbose,
        stdout,
        err,
        (progress, terminal) -> {
          int n = run.threads();
          Runner.ClusterRun c = clusterRun(n);
          double scale = realtime.scale();
          if (scale > 0 && run.engine() != LocalLauncher.Engine.ACTOR) {
            throw new ScenarioException("--realtime: runs on actors, not --engine " + run.engine);
          }
          if (scale > 0 && checkpointEvery != null) {
            throw new ScenarioException("--checkpoint-every: a realtime run writes no checkpoints");
          }
          return new Runner.Options(
              run.engine(), n, progress, terminal, checkpointEvery(), c, scale);
        });
  }

  /**
   * Runs a scenario into a new run directory and reports it: shared by {@code run} and {@code
   * cluster-local}.
   */
  static int execute(
      ScenarioArgs args,
      Path out,
      boolean quiet,
      boolean verbose,
      PrintWriter stdout,
      PrintWriter err,
      RunOptions options) {
    try {
      Scenario sc = ScenarioBuilder.load(args.scenario, args.sets);
      Path parent = Path.of(sc.settings().config().getString("decentsim.output.dir"));
      // a bar on a terminal; periodic lines when the output goes to a file, a pipe or CI
      boolean terminal = System.console() != null && System.getenv("CI") == null;
      Runner.Options opt = options.make(quiet ? null : err, terminal);
      RunDirectory dir = RunDirectory.create(out, parent, sc.name());
      if (!quiet) {
        err.println("decentsim: " + sc.description());
        err.println("decentsim: writing " + dir.path());
        err.flush();
      }
      Runner.Result result;
      try {
        result = Runner.execute(sc, dir, opt);
      } catch (Coordinator.ClusterException e) {
        err.println("error: " + e.getMessage());
        return Main.BAD_INPUT;
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
      if (result.clusterOrNull() != null) {
        ClusterLauncher.Result c = result.clusterOrNull();
        stdout.println(
            String.format(
                Locale.ROOT,
                "network: %d bytes sent and %d received by the coordinator in %d messages (%.1f"
                    + " bytes per event)",
                c.bytesSent(),
                c.bytesReceived(),
                c.messagesSent() + c.messagesReceived(),
                c.bytesPerEvent()));
      }
      if (opt.realtimeScale() > 0) {
        stdout.println("mode: " + Runner.realtimeLabel(opt.realtimeScale()));
      }
      stdout.println("digest: " + o.digest());
      if (o.status() == Outcome.Status.DIVERGED) {
        err.println("error: " + o.message() + "; metrics so far are in " + dir.path());
        return Main.DIVERGED;
      }
      if (o.status() == Outcome.Status.FAILED) {
        err.println("error: " + o.message() + "; metrics so far are in " + dir.path());
        return 1;
      }
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
