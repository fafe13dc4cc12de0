package org.decentsim.simulations.cli;

import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.ScenarioException;

/** Checks of options shared by several commands; errors are user errors (exit 2). */
final class Options {
  private Options() {}

  static LocalLauncher.Engine engine(String name) throws ScenarioException {
    try {
      return LocalLauncher.Engine.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException("--engine " + name + ": " + e.getMessage());
    }
  }

  /** The thread count, defaulting to the number of cores. */
  static int threads(Integer threads) throws ScenarioException {
    int n = threads == null ? LocalLauncher.defaultThreads() : threads;
    if (n < 1 || n > 1024) {
      throw new ScenarioException("--threads " + n + ": must be between 1 and 1024");
    }
    return n;
  }
}
