package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end through the CLI. */
class QuickstartIT {
  @TempDir Path dir;

  @Test
  void run_quickstart_writesRunDirectoryAndLossFalls() throws Exception {
    Path out = dir.resolve("run");
    Cli r = Cli.run("run", "config/quickstart.conf", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    String digest = r.digest();
    assertThat(digest).matches("[0-9a-f]{64}");

    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(csv.get(0)).isEqualTo(String.join(",", MetricsRow.COLUMNS));
    assertThat(csv).hasSize(1 + 41); // evaluation points at 0, 0.5, ..., 20
    double first = Double.parseDouble(csv.get(1).split(",")[5]);
    double last = Double.parseDouble(csv.get(csv.size() - 1).split(",")[5]);
    assertThat(first).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(last).isLessThan(first - 0.1);

    String summary = Files.readString(out.resolve("summary.json"));
    assertThat(summary).contains("\"digest\": \"" + digest + "\"");
    assertThat(summary).contains("\"status\": \"finished\"");
    // quickstart's jobs are short: one Worker actor per thread
    assertThat(summary).containsPattern("\"threads\": (\\d+),\\s+\"workers\": \\1,");
    assertThat(summary).containsPattern("\"git_commit\": (null|\"[0-9a-f]{40}\")");
    for (String plot :
        new String[] {"loss_vs_time", "loss_vs_bits", "loss_vs_events", "staleness_histogram"}) {
      assertThat(Files.size(out.resolve(plot + ".png"))).as(plot).isGreaterThan(1000);
      assertThat(Files.readString(out.resolve(plot + ".svg"))).as(plot).contains("<svg");
    }
    String scenario = Files.readString(out.resolve("scenario.conf"));
    assertThat(scenario).contains("buffer-size").contains("quickstart");
  }

  @Test
  void run_resolvedScenarioOfARun_reproducesItsDigest() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Cli first = Cli.run("run", "config/quickstart.conf", "--out", a.toString(), "--quiet");
    Cli again =
        Cli.run("run", a.resolve("scenario.conf").toString(), "--out", b.toString(), "--quiet");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.digest()).isEqualTo(first.digest());
  }

  @Test
  void validate_everyShippedScenario_ok() throws Exception {
    try (var files = Files.list(Path.of("config"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
        Cli r = Cli.run("validate", f.toString());
        assertThat(r.code()).as(f + ": " + r.err()).isZero();
        assertThat(r.out()).startsWith("ok: ");
      }
    }
  }
}
