package org.decentsim.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.Objective;
import org.decentsim.simulations.TestScenarios.Delivery;
import org.decentsim.simulations.TestScenarios.Traced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact checks of the aggregation rules: Fraboni's schedules (ALGORITHMS.md §1.6 R3), and the
 * reductions of FedAsync, FedBuff and FedAvg to sequential SGD and gradient descent (§9).
 */
class AlgorithmRulesTest {
  @TempDir Path dir;

  /** Three clients with Fraboni's F-50 profile: job times 1.0, 0.75, 0.5 (virtual seconds). */
  static final String F50 =
      """
      decentsim {
        seed = 3
        data {
          source = synthetic
          synthetic { kind = linear, samples = 60, features = 3, heterogeneity = 0.3 }
          test-fraction = 0
          intercept = false
        }
        partition { clients = 3, scheme = iid }
        local { lr = 0.05, batch-size = 0, steps = 1 }
        system.compute { per = round, speed { kind = fraboni, x = 50 } }
        metrics { interval = 0.25, gradient-norm = false }
      }
      """;

  private static void assertTrace(List<Delivery> actual, Object[][] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int k = 0; k < expected.length; k++) {
      Delivery d = actual.get(k);
      assertThat(d.time())
          .as("time of delivery %d", k)
          .isCloseTo((Double) expected[k][0], within(1e-12));
      assertThat(d.client()).as("client of delivery %d", k).isEqualTo(expected[k][1]);
      assertThat(d.versionSent())
          .as("version of delivery %d", k)
          .isEqualTo(((Integer) expected[k][2]).longValue());
    }
  }

  @Test
  void synchronousFedAvg_everyRoundLastsTheSlowestClient() {
    Traced t =
        TestScenarios.run(
            dir, F50, "decentsim.algorithm.kind=fedavg", "decentsim.stop.virtual-time=3.1");
    assertTrace(
        t.deliveries(),
        new Object[][] {
          {0.5, 2, 0}, {0.75, 1, 0}, {1.0, 0, 0},
          {1.5, 2, 1}, {1.75, 1, 1}, {2.0, 0, 1},
          {2.5, 2, 2}, {2.75, 1, 2}, {3.0, 0, 2}
        });
    assertThat(t.outcome().rows().get(t.outcome().rows().size() - 1).rounds()).isEqualTo(3);
  }

  @Test
  void asynchronousFedAvg_aggregatesEachReturnAloneAndRestartsThatClient() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.algorithm.kind=fedbuff",
            "decentsim.algorithm.fedbuff.buffer-size=1",
            "decentsim.stop.virtual-time=1.6");
    assertTrace(
        t.deliveries(),
        new Object[][] {
          {0.5, 2, 0}, {0.75, 1, 0}, {1.0, 0, 0}, {1.0, 2, 1}, {1.5, 1, 2}, {1.5, 2, 4}
        });
  }

  @Test
  void fedFix_contributorsWaitForTheTickAndRestartThere() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.algorithm.kind=fedfix",
            "decentsim.algorithm.fedfix.period=0.6",
            "decentsim.stop.virtual-time=2.0");
    assertTrace(
        t.deliveries(),
        new Object[][] {
          {0.5, 2, 0}, {0.75, 1, 0}, {1.0, 0, 0}, {1.1, 2, 1}, {1.7, 2, 2}, {1.95, 1, 2}
        });
    // ticks at 0.6, 1.2 and 1.8 are the three server steps
    assertThat(t.outcome().rows().get(t.outcome().rows().size() - 1).rounds()).isEqualTo(3);
  }

  @Test
  void fedBuffC_waitsForCReturnsAndRestartsThemAtTheLatest() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.algorithm.kind=fedbuff",
            "decentsim.algorithm.fedbuff.buffer-size=2",
            "decentsim.algorithm.fedbuff.dispatch-on=flush",
            "decentsim.stop.virtual-time=2.0");
    assertTrace(
        t.deliveries(),
        new Object[][] {
          {0.5, 2, 0}, {0.75, 1, 0}, {1.0, 0, 0}, {1.25, 2, 1}, {1.5, 1, 1}, {1.75, 2, 2}
        });
  }

  @Test
  void asynchronousFedAvg_participationShareTendsToInverseJobTime() {
    Traced t =
        TestScenarios.run(
            dir,
            F50.replace("clients = 3", "clients = 5").replace("x = 50", "x = 80"),
            "decentsim.algorithm.kind=fedbuff",
            "decentsim.algorithm.fedbuff.buffer-size=1",
            "decentsim.stop.virtual-time=400",
            "decentsim.metrics.interval=100");
    double[] tau = {1.0, 0.8, 0.6, 0.4, 0.2};
    double inv = 0;
    for (double x : tau) {
      inv += 1 / x;
    }
    int[] counts = new int[5];
    for (Delivery d : t.deliveries()) {
      counts[d.client()]++;
    }
    for (int i = 0; i < 5; i++) {
      double share = (double) counts[i] / t.deliveries().size();
      assertThat(share).as("client %d", i).isCloseTo((1 / tau[i]) / inv, within(0.002));
    }
  }

  /** Replays the deliveries as sequential local SGD: x <- y_K(x), client by client. */
  private static double[] sequentialSgd(Traced t, int steps) {
    Federation fed = t.scenario().federation();
    ClientShard all = fed.shard(0, 1, fed.clients());
    double[] x = new double[fed.modelDim()];
    double[] delta = new double[x.length];
    for (Delivery d : t.deliveries()) {
      all.trainInto(d.client(), x, steps, delta);
      for (int j = 0; j < x.length; j++) {
        x[j] = x[j] + delta[j];
      }
    }
    return x;
  }

  @Test
  void fedAsync_constantStalenessConcurrencyOneAlphaOne_equalsSequentialSgd() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.algorithm.kind=fedasync",
            "decentsim.algorithm.fedasync.alpha=1",
            "decentsim.algorithm.concurrency=1",
            "decentsim.local.steps=3",
            "decentsim.local.batch-size=4",
            "decentsim.stop.virtual-time=20");
    assertThat(t.deliveries()).hasSizeGreaterThan(20);
    assertThat(t.outcome().finalModel()).containsExactly(sequentialSgd(t, 3));
  }

  @Test
  void fedBuff_bufferOneConcurrencyOne_equalsSequentialSgd() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.algorithm.kind=fedbuff",
            "decentsim.algorithm.fedbuff.buffer-size=1",
            "decentsim.algorithm.concurrency=1",
            "decentsim.local.steps=2",
            "decentsim.local.batch-size=5",
            "decentsim.stop.virtual-time=20");
    assertThat(t.deliveries()).hasSizeGreaterThan(20);
    assertThat(t.outcome().finalModel()).containsExactly(sequentialSgd(t, 2));
  }

  @Test
  void fedAvg_oneClientOneFullBatchStep_isGradientDescent() {
    Traced t =
        TestScenarios.run(
            dir,
            F50,
            "decentsim.partition.clients=1",
            "decentsim.algorithm.kind=fedavg",
            "decentsim.stop.virtual-time=25.5");
    Federation fed = t.scenario().federation();
    Objective f = fed.objectives().get();
    DataView v = fed.view(0);
    double[] x = new double[fed.modelDim()];
    double[] g = new double[x.length];
    for (int k = 0; k < 25; k++) {
      f.lossAndGradientInto(x, v, g);
      for (int j = 0; j < x.length; j++) {
        x[j] -= 0.05 * g[j];
      }
    }
    assertThat(t.deliveries()).hasSize(25);
    double[] actual = t.outcome().finalModel();
    for (int j = 0; j < x.length; j++) {
      assertThat(actual[j]).isCloseTo(x[j], within(1e-12));
    }
  }
}
