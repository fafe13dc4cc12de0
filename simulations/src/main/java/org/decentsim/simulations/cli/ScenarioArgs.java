package org.decentsim.simulations.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its {@code --set} overrides, shared by the commands that take them. */
final class ScenarioArgs {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "HOCON scenario file")
  Path scenario;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a scenario key, e.g. decentsim.seed=7 (repeatable)")
  List<String> sets = new ArrayList<>();
}
