package org.decentsim.simulations.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decentsim validate}: load and check a scenario, its data included, without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a scenario (keys, types, ranges, data files) without running it.",
    footer = {"", "Example:", "  decentsim validate config/quickstart.conf --set decentsim.seed=3"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "HOCON scenario file")
  Path scenario;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() {
    try {
      Scenario sc = ScenarioBuilder.load(scenario, sets);
      spec.commandLine().getOut().println("ok: " + scenario + ": " + sc.description());
      return 0;
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
