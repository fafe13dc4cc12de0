package org.decentsim.simulations.cli;

import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Option;

/** {@code --realtime}: shared by run and cluster-local. */
final class RealtimeArgs {
  @Option(
      names = "--realtime",
      paramLabel = "SCALE",
      description =
          "realtime mode: SCALE wall seconds per virtual second, results taken in arrival order;"
              + " NOT reproducible (the outputs say so); for watching a system, not for results")
  Double scale;

  /** Wall seconds per virtual second, or 0 for virtual time. */
  double scale() throws ScenarioException {
    if (scale == null) {
      return 0;
    }
    if (!(scale > 0) || scale.isInfinite()) {
      throw new ScenarioException("--realtime " + scale + ": must be > 0");
    }
    return scale;
  }
}
