package org.decentsim.simulations.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.TestScenarios;
import org.decentsim.simulations.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLauncherTest {
  @TempDir Path dir;

  private static final String SCENARIO =
      """
      decentsim {
        seed = 1
        data {
          source = synthetic
          synthetic { kind = logistic, samples = 1000, features = 9 }
          test-fraction = 0
        }
        partition { clients = 10, scheme = iid }
        local { lr = 0.05, batch-size = 32, steps = 5 }
        algorithm { kind = fedasync, concurrency = 4 }
        stop { max-events = 10 }
      }
      """;

  private long largestJobWork(String... sets) {
    Scenario sc = TestScenarios.build(dir, SCENARIO, sets);
    return sc.newRun(new RunListener() {}, () -> 0).simulation().largestJobWork();
  }

  @Test
  void largestJobWork_isStepsTimesRowsPerStepTimesDimension() {
    // d = 9 features + intercept; 100 rows per client
    assertThat(largestJobWork()).isEqualTo(5L * 32 * 10);
    // a batch larger than a client's rows reads its rows
    assertThat(largestJobWork("decentsim.local.batch-size=500")).isEqualTo(5L * 100 * 10);
    assertThat(largestJobWork("decentsim.local.batch-size=0", "decentsim.local.steps=2"))
        .isEqualTo(2L * 100 * 10);
  }

  @Test
  void workersFor_oneWorkerPerThreadForShortJobs_eightOtherwise() {
    assertThat(LocalLauncher.workersFor(2, 10)).isEqualTo(2);
    assertThat(LocalLauncher.workersFor(2, LocalLauncher.SHORT_JOB_WORK - 1)).isEqualTo(2);
    assertThat(LocalLauncher.workersFor(2, LocalLauncher.SHORT_JOB_WORK)).isEqualTo(16);
    assertThat(LocalLauncher.workersFor(1, 160_000)).isEqualTo(8);
    assertThat(LocalLauncher.workersFor(3)).isEqualTo(24); // cluster nodes: the scenario is unknown
  }
}
