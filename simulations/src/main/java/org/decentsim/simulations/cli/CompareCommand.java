package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.decentsim.simulations.report.Plots;
import org.decentsim.simulations.run.RunRecord;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code decentsim compare}: overlay several runs in one plot and print a table of them. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Overlays runs in one plot (per metric) and prints a table of their final figures.",
    footer = {
      "",
      "Example:",
      "  decentsim compare runs/stragglers-* --metric train_loss --x virtual_time --out compare"
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run directories")
  List<Path> runs = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "M", description = "y axis (default: train_loss)")
  String metric = "train_loss";

  @Option(
      names = "--x",
      paramLabel = "X",
      description = "x axis: virtual_time (default), bits_up, events")
  String x = "virtual_time";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the plot goes (default: compare)")
  Path out = Path.of("compare");

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<Plots.Curve> curves = new ArrayList<>();
      o.println(
          "| run | status | virtual_time | events | train_loss | test_accuracy | "
              + metric
              + " | digest |");
      o.println("|---|---|---|---|---|---|---|---|");
      for (Path r : runs) {
        RunRecord rec = RunRecord.read(r);
        curves.add(
            new Plots.Curve(r.getFileName().toString(), rec.values(x), rec.values(metric), null));
        o.println(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.6g | %.0f | %.6g | %.4f | %.6g | %s |",
                r.getFileName(),
                rec.status(),
                rec.last("virtual_time"),
                rec.last("events"),
                rec.last("train_loss"),
                rec.last("test_accuracy"),
                rec.last(metric),
                rec.digest().substring(0, 12)));
      }
      Files.createDirectories(out);
      Plots.write(Plots.overlay(metric, x, metric, curves), out, "compare_" + metric);
      o.println();
      o.println("plot: " + out.resolve("compare_" + metric + ".png"));
      return 0;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: cannot write " + out + ": " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
