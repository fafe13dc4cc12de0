package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run -> replay -> sweep (and its resume) -> compare, through the CLI. */
class ResearchWorkflowIT {
  @TempDir Path dir;

  @Test
  void replay_recordedRun_digestMatches_andTamperedDigestIsReported() throws Exception {
    Path run = dir.resolve("run");
    Cli r = Cli.run("run", "config/quickstart.conf", "--quiet", "--out", run.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Cli replay = Cli.run("replay", run.toString(), "--threads", "1");
    assertThat(replay.code()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("digest matches");

    Path summary = run.resolve("summary.json");
    Files.writeString(summary, Files.readString(summary).replace(r.digest(), "0".repeat(64)));
    Cli tampered = Cli.run("replay", run.toString(), "--engine", "direct");
    assertThat(tampered.code()).isEqualTo(1);
    assertThat(tampered.out()).contains("digest DIFFERS");

    Cli notARun = Cli.run("replay", dir.toString());
    assertThat(notARun.code()).isEqualTo(2);
    assertThat(notARun.err()).contains("not a finished run directory");
  }

  @Test
  void sweep_twoPointsThreeSeeds_tableHasMeanAndStd_andSecondCallReusesRuns() throws Exception {
    Path sweep = dir.resolve("sweep");
    String[] args = {
      "sweep",
      "config/quickstart.conf",
      "--grid",
      "algorithm.kind=fedavg,fedbuff",
      "--seeds",
      "3",
      "--parallel",
      "2",
      "--set",
      "decentsim.stop.virtual-time=5",
      "--out",
      sweep.toString()
    };
    Cli first = Cli.run(args);
    assertThat(first.code()).as(first.err()).isZero();
    List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
    assertThat(csv).hasSize(1 + 6);
    assertThat(csv.get(0)).startsWith("run,point,decentsim.algorithm.kind,seed,status,digest");
    assertThat(csv.stream().skip(1).map(l -> l.split(",")[3]).distinct())
        .containsExactly("42", "43", "44");

    List<String> table = Files.readAllLines(sweep.resolve("table.md"));
    assertThat(table).hasSize(4);
    assertThat(table.get(2)).startsWith("| fedavg | 3 |").contains(" ± ");
    assertThat(table.get(3)).startsWith("| fedbuff | 3 |").contains(" ± ");
    assertThat(Files.size(sweep.resolve("plot_train_loss.png"))).isGreaterThan(1000);

    Cli again = Cli.run(args);
    assertThat(again.code()).isZero();
    assertThat(again.out().lines().filter(l -> l.startsWith("reused"))).hasSize(6);
    assertThat(Files.readAllLines(sweep.resolve("sweep.csv"))).isEqualTo(csv);

    Cli compare =
        Cli.run(
            "compare",
            sweep.resolve("runs/p0_kind=fedavg_seed42").toString(),
            sweep.resolve("runs/p1_kind=fedbuff_seed42").toString(),
            "--out",
            dir.resolve("cmp").toString());
    assertThat(compare.code()).as(compare.err()).isZero();
    assertThat(compare.out()).contains("p0_kind=fedavg_seed42").contains("p1_kind=fedbuff_seed42");
    assertThat(Files.exists(dir.resolve("cmp/compare_train_loss.png"))).isTrue();
  }

  @Test
  void sweep_badGridKey_exit2BeforeAnyRun() {
    Path sweep = dir.resolve("bad");
    Cli r =
        Cli.run(
            "sweep",
            "config/quickstart.conf",
            "--grid",
            "algorithm.kidn=a,b",
            "--out",
            sweep.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("decentsim.algorithm.kidn").contains("unknown key");
    assertThat(Files.exists(sweep.resolve("runs"))).isFalse();
  }

  @Test
  void generateCompletion_printsABashScript() {
    Cli r = Cli.run("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete").contains("decentsim");
  }
}
