package org.decentsim.simulations.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.TestScenarios;
import org.decentsim.simulations.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void workersFor_oneWorkerPerThreadForShortJobs_twoOtherwise_eightOnClusterNodes() {
    assertThat(LocalLauncher.workersFor(2, 10)).isEqualTo(2);
    assertThat(LocalLauncher.workersFor(2, LocalLauncher.SHORT_JOB_WORK - 1)).isEqualTo(2);
    assertThat(LocalLauncher.workersFor(2, LocalLauncher.SHORT_JOB_WORK)).isEqualTo(4);
    assertThat(LocalLauncher.workersFor(1, 160_000)).isEqualTo(2);
    assertThat(LocalLauncher.workersFor(3)).isEqualTo(24); // cluster nodes: the scenario is unknown
  }

  @Test
  void jobsPerBatch_fourForShortJobs_oneOtherwise() {
    assertThat(LocalLauncher.jobsPerBatch(10)).isEqualTo(4);
    assertThat(LocalLauncher.jobsPerBatch(LocalLauncher.SHORT_JOB_WORK)).isEqualTo(1);
  }

  @Test
  void spinRounds_onlyForShortJobs() {
    assertThat(LocalLauncher.spinRounds(10)).isEqualTo(16);
    assertThat(LocalLauncher.spinRounds(LocalLauncher.SHORT_JOB_WORK - 1)).isEqualTo(16);
    assertThat(LocalLauncher.spinRounds(LocalLauncher.SHORT_JOB_WORK)).isZero();
  }

  /**
   * An actor run in which the coordinator computes the jobs it waits for when their worker has not
   * started them: the same digest as the direct engine, on one pool size and the other.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 10})
  void actorRun_coordinatorComputesSomeJobs_sameDigestAsDirect(int localSteps) {
    Scenario sc =
        TestScenarios.build(
            dir,
            SCENARIO,
            "decentsim.local.batch-size=100",
            "decentsim.local.steps=" + localSteps,
            "decentsim.stop.max-events=4000");
    long[] byCoordinator = {-1};
    var actor =
        LocalLauncher.run(
            sc.newRun(new RunListener() {}, () -> 0),
            LocalLauncher.Engine.ACTOR,
            2,
            false,
            n -> byCoordinator[0] = n);
    var direct =
        LocalLauncher.run(
            sc.newRun(new RunListener() {}, () -> 0), LocalLauncher.Engine.DIRECT, 1, false);
    assertThat(actor.digest()).isEqualTo(direct.digest());
    // how many depends on timing; the count is reported
    assertThat(byCoordinator[0]).isNotNegative();
  }
}
