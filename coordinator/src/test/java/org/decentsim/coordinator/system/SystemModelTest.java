package org.decentsim.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;
import org.junit.jupiter.api.Test;

class SystemModelTest {
  private final Streams streams = new Streams(17);

  @Test
  void fraboni_f80_linearFromSlowestToFastest() {
    double[] tau = Speeds.fraboni(5, 80);
    double[] expected = {1.0, 0.8, 0.6, 0.4, 0.2};
    for (int i = 0; i < 5; i++) {
      assertThat(tau[i]).isCloseTo(expected[i], within(1e-15));
    }
    assertThat(Speeds.fraboni(1, 80)).containsExactly(1.0);
  }

  @Test
  void stragglers_exactFractionIsSlowedByFactor() {
    double[] s = Speeds.stragglers(50, 0.01, 0.1, 20, streams);
    long slow = java.util.Arrays.stream(s).filter(v -> v == 0.2).count();
    long fast = java.util.Arrays.stream(s).filter(v -> v == 0.01).count();
    assertThat(slow).isEqualTo(5);
    assertThat(fast).isEqualTo(45);
  }

  @Test
  void distributions_sampleMeansMatchDeclaredMeans() {
    Distribution[] ds = {
      new Distribution.Uniform(1, 3),
      new Distribution.Exponential(0.5, 2),
      new Distribution.HalfNormal(0.2, 1.5),
      new Distribution.LogNormal(-1, 0.5)
    };
    Rng r = streams.stream("test", 0);
    for (Distribution d : ds) {
      int n = 200_000;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double x = d.sample(r);
        assertThat(x).isPositive();
        sum += x;
        sq += x * x;
      }
      double mean = sum / n;
      double sd = Math.sqrt(sq / n - mean * mean);
      assertThat(mean).as(d.toString()).isCloseTo(d.mean(), within(5 * sd / Math.sqrt(n)));
    }
  }

  @Test
  void computeModel_workTimesSpeedTimesNoise_perUnit() {
    double[] speed = {0.5, 2};
    ComputeModel perSample =
        new ComputeModel(speed, new Distribution.Constant(1), ComputeModel.Unit.SAMPLE, streams);
    ComputeModel perStep =
        new ComputeModel(speed, new Distribution.Constant(1), ComputeModel.Unit.STEP, streams);
    ComputeModel perRound =
        new ComputeModel(speed, new Distribution.Constant(1), ComputeModel.Unit.ROUND, streams);
    assertThat(perSample.computeSeconds(1, 5, 160)).isEqualTo(320);
    assertThat(perStep.computeSeconds(1, 5, 160)).isEqualTo(10);
    assertThat(perRound.computeSeconds(0, 5, 160)).isEqualTo(0.5);
  }

  @Test
  void links_latencyPlusBytesOverBandwidth_zeroMeansUnlimited() {
    LinkModel l = LinkModel.uniform(1, 0.01, 1000, 0);
    assertThat(l.upSeconds(0, 500)).isEqualTo(0.51);
    assertThat(l.downSeconds(0, 500)).isEqualTo(0.01);
  }

  @Test
  void links_sameForAllAndPerClient_giveTheSameTimes_andCheckTheClient() {
    LinkModel same = LinkModel.uniform(3, 0.02, 4000, 250);
    LinkModel perClient =
        new LinkModel(
            new double[] {0.02, 0.02, 0.5},
            new double[] {4000, 4000, 0},
            new double[] {250, 250, 10});
    for (int i = 0; i < 2; i++) {
      assertThat(same.upSeconds(i, 777)).isEqualTo(perClient.upSeconds(i, 777));
      assertThat(same.downSeconds(i, 777)).isEqualTo(perClient.downSeconds(i, 777));
    }
    assertThat(perClient.upSeconds(2, 777)).isEqualTo(0.5);
    assertThat(perClient.downSeconds(2, 777)).isEqualTo(0.5 + 77.7);
    assertThatThrownBy(() -> same.upSeconds(3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> same.downSeconds(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void compute_sameSpeedForAll_likePerClientSpeeds_andChecksTheClient() {
    ComputeModel same =
        new ComputeModel(
            new double[] {0.25, 0.25},
            new Distribution.Constant(1),
            ComputeModel.Unit.STEP,
            streams);
    ComputeModel mixed =
        new ComputeModel(
            new double[] {0.25, 3}, new Distribution.Constant(1), ComputeModel.Unit.STEP, streams);
    assertThat(same.computeSeconds(1, 4, 0))
        .isEqualTo(1.0)
        .isEqualTo(mixed.computeSeconds(0, 4, 0));
    assertThat(mixed.computeSeconds(1, 4, 0)).isEqualTo(12.0);
    assertThat(same.speed(1)).isEqualTo(0.25);
    assertThatThrownBy(() -> same.speed(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void bernoulli_availabilityRateMatchesProbability() {
    Availability a = Availability.bernoulli(2, new Distribution.Constant(0.3), streams);
    int on = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      if (a.isAvailable(1, i)) {
        on++;
      }
    }
    assertThat((double) on / n).isCloseTo(0.3, within(5 * Math.sqrt(0.21 / n)));
  }

  @Test
  void markov_longRunOnFractionIsMeanOnOverCycle() {
    Availability a = Availability.markov(1, 3, 1, streams);
    int on = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      if (a.isAvailable(0, i * 0.5)) {
        on++;
      }
    }
    assertThat((double) on / n).isCloseTo(0.75, within(0.02));
  }
}
