package org.decentsim.simulations.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.run.RunRecord;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decentsim replay}: re-run a recorded run and check that the digest matches. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Re-runs the resolved scenario recorded in a run directory and reports whether the digest"
            + " matches the recorded one (exit 0 if it does, 1 if not).",
    footer = {"", "Example:", "  decentsim replay runs/quickstart-20261122-120814 --threads 1"})
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory")
  Path runDir;

  @Mixin EngineArgs run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LocalLauncher.Engine eng = run.engine();
      int n = run.threads();
      RunRecord rec = RunRecord.read(runDir);
      Scenario sc = ScenarioBuilder.load(runDir.resolve("scenario.conf"), List.of());
      Outcome o = LocalLauncher.run(sc, eng, n, false, new RunListener() {}, () -> 0);
      out.println("recorded digest: " + rec.digest());
      out.println("replayed digest: " + o.digest());
      if (o.digest().equals(rec.digest())) {
        out.println("digest matches");
        return 0;
      }
      out.println("digest DIFFERS: the replay did not reproduce the run");
      return 1;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
