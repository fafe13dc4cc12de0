package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same scenario + seed => same digest, whatever the threads or engine (DESIGN.md §3). */
class DeterminismIT {
  @TempDir Path dir;

  private static Outcome run(Scenario sc, LocalLauncher.Engine engine, int threads) {
    // serialize-messages: every actor message goes through the protobuf serializer
    return LocalLauncher.run(sc, engine, threads, true, new RunListener() {}, () -> 0);
  }

  @Test
  void quickstart_oneTwoAndEightThreads_sameDigest_otherSeedDiffers() throws Exception {
    Scenario sc = ScenarioBuilder.load(Path.of("config/quickstart.conf"), List.of());
    String one = run(sc, LocalLauncher.Engine.ACTOR, 1).digest();
    assertThat(run(sc, LocalLauncher.Engine.ACTOR, 2).digest()).isEqualTo(one);
    assertThat(run(sc, LocalLauncher.Engine.ACTOR, 8).digest()).isEqualTo(one);
    assertThat(run(sc, LocalLauncher.Engine.DIRECT, 1).digest()).isEqualTo(one);

    Scenario other =
        ScenarioBuilder.load(Path.of("config/quickstart.conf"), List.of("decentsim.seed=43"));
    assertThat(run(other, LocalLauncher.Engine.ACTOR, 2).digest()).isNotEqualTo(one);
  }

  @Test
  void cli_threadsOption_doesNotChangeTheDigest() {
    Cli a =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--threads",
            "1",
            "--quiet",
            "--out",
            dir.resolve("a").toString());
    Cli b =
        Cli.run(
            "run",
            "config/quickstart.conf",
            "--threads",
            "8",
            "--quiet",
            "--out",
            dir.resolve("b").toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.digest()).isEqualTo(a.digest());
  }

  @Test
  void everyShippedScenario_actorAndDirectEngines_sameDigest() throws Exception {
    // config/ and its scenario folders; config/bench holds benchmark sizes, run by BenchSmokeIT
    try (var files = Files.walk(Path.of("config"))) {
      List<Path> scenarios =
          files
              .filter(p -> p.toString().endsWith(".conf"))
              .filter(p -> !p.startsWith(Path.of("config", "bench")))
              .sorted()
              .toList();
      assertThat(scenarios).contains(Path.of("config/compression/topk-ef21.conf"));
      for (Path f : scenarios) {
        Scenario sc = ScenarioBuilder.load(f, List.of("decentsim.stop.max-events=400"));
        Outcome actor = run(sc, LocalLauncher.Engine.ACTOR, 2);
        Outcome direct = run(sc, LocalLauncher.Engine.DIRECT, 1);
        assertThat(actor.digest()).as(f.toString()).isEqualTo(direct.digest());
        assertThat(actor.rows()).as(f.toString()).isNotEmpty();
      }
    }
  }
}
