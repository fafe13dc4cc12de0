package org.decentsim.simulations.cli;

import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --engine} of the commands that run one scenario. */
final class EngineArgs {
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

  LocalLauncher.Engine engine() throws ScenarioException {
    return Options.engine(engine);
  }

  int threads() throws ScenarioException {
    return Options.threads(threads);
  }
}
