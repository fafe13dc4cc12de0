package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Divergence, per-client tables and other ways a run can end or be configured. */
class RunOutcomesIT {
  @TempDir Path dir;

  @Test
  void divergingRun_exits3_keepsMetricsAndSaysWhen() throws Exception {
    Path out = dir.resolve("div");
    Cli r =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--quiet",
            "--out",
            out.toString(),
            "--set",
            "decentsim.local.lr=1e6",
            "--set",
            "decentsim.stop.divergence-bound=50");
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("diverged at virtual time").contains("event");
    List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(rows.size()).isGreaterThan(1);
    assertThat(Files.readString(out.resolve("summary.json"))).contains("\"status\": \"diverged\"");
    assertThat(r.digest()).matches("[0-9a-f]{64}");
  }

  /**
   * Realtime mode: virtual time follows the wall clock at the given scale (no evaluation is
   * recorded before it falls due), and every output says the run is not reproducible.
   */
  @Test
  void realtimeRun_followsTheWallClock_andIsLabelledNotReproducible() throws Exception {
    Path out = dir.resolve("realtime");
    Cli r =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--realtime",
            "0.1",
            "--quiet",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("status: finished")
        .contains("mode: realtime")
        .contains("NOT reproducible");
    assertThat(Files.readString(out.resolve("summary.json")))
        .contains("\"mode\": \"realtime, 0.100000 wall s per virtual s");
    List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
    double wall0 = Double.parseDouble(rows.get(1).split(",")[1]);
    double lastVirtual = 0;
    for (String row : rows.subList(1, rows.size())) {
      double virtual = Double.parseDouble(row.split(",")[0]);
      double wall = Double.parseDouble(row.split(",")[1]) - wall0;
      assertThat(wall)
          .as("row at virtual %s", virtual)
          .isGreaterThanOrEqualTo(0.1 * virtual - 0.02);
      lastVirtual = virtual;
    }
    assertThat(lastVirtual).isEqualTo(20.0);

    Cli bad = Cli.run("run", "config/quickstart.conf", "--realtime", "0.1", "--engine", "direct");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--realtime");
  }

  @Test
  void speedAndNetworkTables_shapeTheSchedule() throws Exception {
    Path speeds = dir.resolve("speeds.csv");
    Files.writeString(speeds, "client,speed\n0,1.0\n1,0.5\n2,0.25\n");
    Path links = dir.resolve("links.csv");
    Files.writeString(links, "# client,latency,up,down\n2,0.25,0,0\n");
    Path f = dir.resolve("t.conf");
    Files.writeString(
        f,
        "decentsim {\n"
            + "  data.synthetic { samples = 90, features = 3 }\n"
            + "  partition.clients = 3\n"
            + "  algorithm.kind = fedavg\n"
            + "  system.compute { per = round, speed { kind = table, path = \""
            + speeds
            + "\" } }\n"
            + "  system.network.path = \""
            + links
            + "\"\n"
            + "  stop.virtual-time = 10.5\n"
            + "}\n");
    Path out = dir.resolve("o");
    Cli r = Cli.run("run", f.toString(), "--quiet", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // a round lasts max(1.0, 0.5, 0.25 + 2 * 0.25 latency) = 1.0 s: 10 rounds by 10.5 s
    assertThat(r.out()).contains("10 rounds");
  }

  @Test
  void badTableLine_namesTableFileAndLine() throws Exception {
    Path speeds = dir.resolve("speeds.csv");
    Files.writeString(speeds, "0,1.0\n1,fast\n");
    Cli r =
        Cli.run(
            "validate",
            "config/quickstart.conf",
            "--set",
            "decentsim.system.compute.speed.kind=table",
            "--set",
            "decentsim.system.compute.speed.path=\"" + speeds + "\"");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(speeds + ":2:").contains("decentsim.system.compute.speed.path");
  }
}
