package org.decentsim.coordinator.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One update at a time, against hand-computed values of ALGORITHMS.md's rules. */
class AlgorithmStepTest {
  @Test
  void staleness_functions_matchTheirDefinitions() {
    assertThat(new Staleness.Constant().weight(9)).isEqualTo(1);
    assertThat(new Staleness.Polynomial(0.5).weight(3)).isEqualTo(0.5);
    Staleness hinge = new Staleness.Hinge(10, 4);
    assertThat(hinge.weight(4)).isEqualTo(1);
    assertThat(hinge.weight(6)).isEqualTo(1.0 / 21);
    assertThat(new Staleness.Threshold(2, 0.3).weight(2)).isEqualTo(1);
    assertThat(new Staleness.Threshold(2, 0.3).weight(3)).isEqualTo(0.3);
  }

  @Test
  void fedAsync_onUpdate_mixesLocalModelWithStalenessScaledAlpha() {
    FakeContext ctx = new FakeContext(2, 4, 0.1);
    FedAsync alg = new FedAsync(0.8, new Staleness.Polynomial(0.5));
    alg.start(ctx);
    ctx.model.x()[0] = 1;
    ctx.model.x()[1] = 2;
    // client started from sent = (0, 0), 3 steps stale: alpha_t = 0.8 * 4^-0.5 = 0.4
    alg.onUpdate(ctx.update(0, new double[] {0, 0}, new double[] {3, -1}, 1, 3), ctx);
    assertThat(ctx.model.x()[0]).isCloseTo(0.6 * 1 + 0.4 * 3, within(1e-15));
    assertThat(ctx.model.x()[1]).isCloseTo(0.6 * 2 + 0.4 * -1, within(1e-15));
    assertThat(ctx.model.version()).isEqualTo(1);
  }

  @Test
  void fedBuff_meanReducer_appliesOnlyWhenBufferIsFull() {
    FakeContext ctx = new FakeContext(1, 4, 0.1);
    FedBuff alg =
        new FedBuff(
            3,
            0.5,
            new Staleness.Polynomial(1),
            FedBuff.ExampleWeight.EQUAL,
            true,
            WeightPolicy.IDENTICAL,
            FedBuff.DispatchOn.ARRIVAL);
    alg.start(ctx);
    alg.onUpdate(ctx.update(0, new double[1], new double[] {2}, 1, 0), ctx);
    alg.onUpdate(ctx.update(1, new double[1], new double[] {4}, 1, 1), ctx);
    assertThat(ctx.model.x()[0]).isZero();
    assertThat(ctx.model.version()).isZero();
    alg.onUpdate(ctx.update(2, new double[1], new double[] {6}, 1, 2), ctx);
    // (2*1 + 4*1/2 + 6*1/3) / 3 * 0.5
    assertThat(ctx.model.x()[0]).isCloseTo((2 + 2 + 2) / 3.0 * 0.5, within(1e-15));
    assertThat(ctx.model.version()).isEqualTo(1);
  }

  @Test
  void fedBuff_sumReducerAndLinearExampleWeights() {
    FakeContext ctx = new FakeContext(1, 4, 0.1);
    FedBuff alg =
        new FedBuff(
            2,
            1,
            new Staleness.Constant(),
            FedBuff.ExampleWeight.LINEAR,
            false,
            WeightPolicy.IDENTICAL,
            FedBuff.DispatchOn.FLUSH);
    alg.start(ctx);
    int before = ctx.dispatched.size();
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.dispatched).hasSize(before); // flush mode: nobody restarts before the flush
    alg.onUpdate(ctx.update(1, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.model.x()[0]).isEqualTo(10 + 20); // samples 10 and 20
    assertThat(ctx.dispatched).hasSize(before + 2);
  }

  @Test
  void fedBuff_weightPolicy_isInverseParticipationFrequency() {
    FakeContext ctx = new FakeContext(1, 2, 0.1);
    ctx.expectedSeconds = new double[] {1.0, 0.25};
    FedBuff alg =
        new FedBuff(
            1,
            1,
            new Staleness.Constant(),
            FedBuff.ExampleWeight.EQUAL,
            true,
            WeightPolicy.WEIGHT,
            FedBuff.DispatchOn.ARRIVAL);
    alg.start(ctx);
    // d_i = (sum_j 1/tau_j) tau_i p_i = 5 * tau_i / 2
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.model.x()[0]).isEqualTo(2.5);
    alg.onUpdate(ctx.update(1, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.model.x()[0]).isEqualTo(2.5 + 0.625);
    assertThatThrownBy(
            () ->
                new FedBuff(
                    2,
                    1,
                    new Staleness.Constant(),
                    FedBuff.ExampleWeight.EQUAL,
                    true,
                    WeightPolicy.WEIGHT,
                    FedBuff.DispatchOn.ARRIVAL))
        .hasMessageContaining("buffer size 1");
  }

  /**
   * A restored FedBuff (which is not started) writes the checkpoint it was restored from and goes
   * on as the original, with the weight policy and without it.
   */
  @ParameterizedTest
  @EnumSource(
      value = WeightPolicy.class,
      names = {"IDENTICAL", "WEIGHT"})
  void fedBuff_restoredFromACheckpoint_savesTheSameBytesAndContinuesTheSame(WeightPolicy policy) {
    java.util.function.Supplier<FedBuff> make =
        () ->
            new FedBuff(
                1,
                1,
                new Staleness.Constant(),
                FedBuff.ExampleWeight.EQUAL,
                true,
                policy,
                FedBuff.DispatchOn.ARRIVAL);
    FakeContext ctx = new FakeContext(1, 2, 0.1);
    ctx.expectedSeconds = new double[] {1.0, 0.25};
    FedBuff original = make.get();
    original.start(ctx);
    original.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    StateWriter saved = new StateWriter();
    original.saveState(saved);

    FedBuff restored = make.get();
    restored.restoreState(new StateReader(saved.toByteArray()));
    StateWriter again = new StateWriter();
    restored.saveState(again);
    assertThat(again.toByteArray()).isEqualTo(saved.toByteArray());

    FakeContext other = new FakeContext(1, 2, 0.1);
    other.model.x()[0] = ctx.model.x()[0];
    original.onUpdate(ctx.update(1, new double[1], new double[] {1}, 1, 0), ctx);
    restored.onUpdate(other.update(1, new double[1], new double[] {1}, 1, 0), other);
    assertThat(other.model.x()[0]).isEqualTo(ctx.model.x()[0]);
    assertThat(ctx.model.x()[0]).isEqualTo(policy == WeightPolicy.WEIGHT ? 3.125 : 2.0);
  }

  @Test
  void fedFix_tick_appliesWeightedSumAndSchedulesNextTick() {
    FakeContext ctx = new FakeContext(1, 2, 0.1);
    ctx.expectedSeconds = new double[] {1.0, 0.3};
    FedFix alg = new FedFix(0.5, 1, WeightPolicy.WEIGHT);
    alg.start(ctx);
    assertThat(ctx.timers).containsExactly(0.5);
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    alg.onUpdate(ctx.update(1, new double[1], new double[] {1}, 1, 0), ctx);
    ctx.now = 0.5;
    alg.onTimer(0, ctx);
    // d = ceil(tau/dt) p: ceil(2) * 0.5 + ceil(0.6) * 0.5
    assertThat(ctx.model.x()[0]).isEqualTo(1.0 + 0.5);
    assertThat(ctx.model.version()).isEqualTo(1);
    assertThat(ctx.timers).containsExactly(0.5, 1.0);
  }

  @Test
  void afaCd_normalisesByLocalSteps_andStepsAfterMArrivals() {
    FakeContext ctx = new FakeContext(1, 3, 0.1);
    Afa alg = new Afa(Afa.Variant.CD, 2, 2.0, 0);
    alg.start(ctx);
    // G = -Delta / (eta_L K): client 0 ran 1 step (G = -1 / 0.1 = -10), client 1 ran 4 steps
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.model.version()).isZero();
    alg.onUpdate(ctx.update(1, new double[1], new double[] {4}, 4, 0), ctx);
    // x -= eta * eta_L * mean(G) = 2 * 0.1 * (-10) -> +2
    assertThat(ctx.model.x()[0]).isCloseTo(2.0, within(1e-12));
    assertThat(ctx.model.version()).isEqualTo(1);
  }

  @Test
  void afaCs_keepsLatestGradientOfEveryClient() {
    FakeContext ctx = new FakeContext(1, 4, 0.5);
    Afa alg = new Afa(Afa.Variant.CS, 1, 1.0, 0);
    alg.start(ctx);
    alg.onUpdate(ctx.update(0, new double[1], new double[] {-1}, 1, 0), ctx); // G_0 = 2
    assertThat(ctx.model.x()[0]).isCloseTo(-0.5 * 2 / 4, within(1e-15));
    alg.onUpdate(ctx.update(0, new double[1], new double[] {-2}, 2, 0), ctx); // G_0 = 2 again
    alg.onUpdate(ctx.update(1, new double[1], new double[] {1}, 1, 0), ctx); // G_1 = -2
    // steps: -0.25, -0.25, then table sum 0 -> no change
    assertThat(ctx.model.x()[0]).isCloseTo(-0.5, within(1e-15));
  }

  @Test
  void afa_staleUpdateBeyondBound_isDropped() {
    FakeContext ctx = new FakeContext(1, 2, 0.1);
    Afa alg = new Afa(Afa.Variant.CD, 1, 1.0, 3);
    alg.start(ctx);
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 4), ctx);
    assertThat(ctx.dropped).isEqualTo(1);
    assertThat(ctx.model.version()).isZero();
  }

  @Test
  void fedAvg_waitsForTheWholeRound_andNormalisesByParticipatingWeight() {
    FakeContext ctx = new FakeContext(1, 4, 0.1);
    FedAvg alg = new FedAvg(2, 1);
    alg.start(ctx);
    assertThat(ctx.dispatched).hasSize(2);
    alg.onUpdate(ctx.update(0, new double[1], new double[] {1}, 1, 0), ctx);
    assertThat(ctx.model.version()).isZero();
    alg.onUpdate(ctx.update(3, new double[1], new double[] {3}, 1, 0), ctx);
    assertThat(ctx.model.x()[0]).isEqualTo(2.0);
    assertThat(ctx.dispatched).hasSize(4);
  }
}
