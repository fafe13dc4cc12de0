package org.decentsim.simulations.cli;

import java.util.concurrent.Callable;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code decentsim validate}: load and check a scenario, its data included, without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a scenario (keys, types, ranges, data files) without running it.",
    footer = {"", "Example:", "  decentsim validate config/quickstart.conf --set decentsim.seed=3"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Override
  public Integer call() {
    try {
      Scenario sc = ScenarioBuilder.load(args.scenario, args.sets);
      spec.commandLine().getOut().println("ok: " + args.scenario + ": " + sc.description());
      return 0;
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
