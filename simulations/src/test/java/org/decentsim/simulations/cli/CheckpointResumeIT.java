package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoints and resume: an interrupted run, resumed, ends with the uninterrupted digest. */
class CheckpointResumeIT {
  @TempDir Path dir;

  @Test
  void cli_checkpointEvery_thenResume_sameDigestAndMetrics() throws Exception {
    Path full = dir.resolve("full");
    Path ck = dir.resolve("ck");
    Cli a = Cli.run("run", "config/quickstart.conf", "--quiet", "--out", full.toString());
    Cli b =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--quiet",
            "--out",
            ck.toString(),
            "--checkpoint-every",
            "7");
    assertThat(b.digest()).isEqualTo(a.digest()); // checkpoints do not disturb the run
    assertThat(Files.exists(ck.resolve("checkpoint.pb"))).isTrue();
    Cli resumed = Cli.run("resume", ck.toString(), "--quiet", "--engine", "direct");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.digest()).isEqualTo(a.digest());
    assertThat(Files.readAllLines(ck.resolve("metrics.csv")).size())
        .isEqualTo(Files.readAllLines(full.resolve("metrics.csv")).size());
  }

  /**
   * Stops a run from another thread mid-way (as Ctrl-C does), then restores and finishes it; the
   * compressed scenarios carry error-feedback state on both sides and payloads in flight.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "config/fedbuff.conf",
        "config/compression/econtrol-noise.conf",
        "config/compression/qsgd-fedbuff.conf",
        "config/compression/bidirectional.conf",
        "config/decentralized/tokens.conf",
        "config/decentralized/gossip-ring.conf"
      })
  void requestStop_midRun_restoredRunOnEitherEngine_endsWithTheUninterruptedDigest(String file)
      throws Exception {
    Scenario sc = ScenarioBuilder.load(Path.of(file), List.of());
    String uninterrupted =
        LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener() {}, () -> 0)
            .digest();
    for (LocalLauncher.Engine engine : LocalLauncher.Engine.values()) {
      List<byte[]> saved = new ArrayList<>();
      Scenario.Run[] holder = new Scenario.Run[1];
      RunListener stopAfterFourRows =
          new RunListener() {
            int rows;

            @Override
            public void onRow(MetricsRow r) {
              if (++rows == 4) {
                holder[0].simulation().requestStop();
              }
            }
          };
      holder[0] = sc.newRun(stopAfterFourRows, () -> 0);
      holder[0].simulation().enableCheckpoints(Double.POSITIVE_INFINITY, (s, t) -> saved.add(s));
      Outcome stopped =
          LocalLauncher.run(holder[0], engine, 2, engine == LocalLauncher.Engine.ACTOR);
      assertThat(stopped.status()).as(engine.name()).isEqualTo(Outcome.Status.INTERRUPTED);
      assertThat(saved).hasSize(1);

      Scenario.Run resumed = sc.newRun(new RunListener() {}, () -> 0);
      resumed.simulation().restoreState(new StateReader(saved.get(0)));
      Outcome finished = LocalLauncher.run(resumed, engine, 2, false);
      assertThat(finished.status()).isEqualTo(Outcome.Status.FINISHED);
      assertThat(finished.digest()).as(engine.name()).isEqualTo(uninterrupted);
    }
  }

  /** A real process, terminated by a signal (the JVM runs the same hook as on Ctrl-C). */
  @Test
  void terminatedProcess_writesCheckpointAndMetrics_resumeGivesTheFullDigest() throws Exception {
    Path run = dir.resolve("killed");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "config/quickstart.conf",
            "--quiet",
            "--engine",
            "direct",
            "--set",
            "decentsim.stop.virtual-time=300",
            "--out",
            run.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    Path metrics = run.resolve("metrics.csv");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline
        && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < 30)) {
      Thread.sleep(100);
    }
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(run.resolve("summary.json")))
        .contains("\"status\": \"interrupted\"");
    assertThat(Files.exists(run.resolve("checkpoint.pb"))).isTrue();
    assertThat(Files.readString(dir.resolve("log"))).contains("decentsim resume");

    Cli resumed = Cli.run("resume", run.toString(), "--quiet", "--engine", "direct");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    Cli full =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--quiet",
            "--engine",
            "direct",
            "--set",
            "decentsim.stop.virtual-time=300",
            "--out",
            dir.resolve("full").toString());
    assertThat(resumed.digest()).isEqualTo(full.digest());
  }

  @Test
  void resume_withoutCheckpoint_orEditedScenario_exit2() throws Exception {
    Path run = dir.resolve("plain");
    Cli.run("run", "config/quickstart.conf", "--quiet", "--out", run.toString());
    Cli r = Cli.run("resume", run.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no checkpoint.pb");

    Path ck = dir.resolve("edited");
    Cli.run(
        "run",
        "config/quickstart.conf",
        "--quiet",
        "--out",
        ck.toString(),
        "--checkpoint-every",
        "5");
    Path conf = ck.resolve("scenario.conf");
    Files.writeString(conf, Files.readString(conf).replace("seed=42", "seed=43"));
    Cli e = Cli.run("resume", ck.toString());
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err()).contains("belongs to a different scenario");
  }
}
