package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.proto.wire.Checkpoint;
import org.decentsim.simulations.run.Checkpoints;
import org.decentsim.simulations.run.RunDirectory;
import org.decentsim.simulations.run.Runner;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decentsim resume}: continue a run from its last checkpoint, in the same directory. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Continues a run from the checkpoint.pb in its directory (written by run"
            + " --checkpoint-every or on Ctrl-C); the finished run has the digest the uninterrupted"
            + " run would have had.",
    footer = {
      "",
      "Example:",
      "  decentsim run config/fedbuff.conf --checkpoint-every 5 --out runs/long   # Ctrl-C",
      "  decentsim resume runs/long"
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory")
  Path runDir;

  @Mixin EngineArgs run;

  @Option(names = "--quiet", description = "no progress lines")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path conf = runDir.resolve("scenario.conf");
      if (!java.nio.file.Files.isRegularFile(conf)) {
        throw new ScenarioException(runDir + ": not a run directory (no scenario.conf)");
      }
      Scenario sc = ScenarioBuilder.load(conf, List.of());
      Checkpoint c = Checkpoints.read(runDir, RunDirectory.scenarioCanonical(sc));
      if (!quiet) {
        err.println(
            String.format(
                Locale.ROOT,
                "decentsim: resuming %s from virtual time %.6g",
                runDir,
                c.getVirtualTime()));
        err.flush();
      }
      RunDirectory dir = RunDirectory.create(runDir, runDir.getParent(), sc.name());
      Runner.Result r =
          Runner.resume(
              sc,
              dir,
              c,
              new Runner.Options(
                  run.engine(),
                  run.threads(),
                  quiet ? null : err,
                  false,
                  c.getCheckpointEvery(),
                  null,
                  0));
      Outcome o = r.outcome();
      out.println("run directory: " + runDir);
      out.println(
          "status: " + o.status().name().toLowerCase(Locale.ROOT) + " (" + o.message() + ")");
      out.println("digest: " + o.digest());
      return o.status() == Outcome.Status.DIVERGED ? Main.DIVERGED : 0;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: cannot write outputs: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (IllegalStateException e) {
      err.println("error: " + runDir.resolve(Checkpoints.FILE) + ": " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
