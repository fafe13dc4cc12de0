package org.decentsim.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.decentsim.simulations.TestScenarios.concat;
import static org.decentsim.simulations.TestScenarios.last;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random-walk tokens through the engine, on the shipped scenarios of config/decentralized. */
class DecentralizedTest {
  private static final String A = "decentsim.algorithm.";
  @TempDir Path dir;

  private static String shipped(String name) throws IOException {
    return Files.readString(Path.of("config/decentralized", name));
  }

  /**
   * ALGORITHMS.md §2.6 (a, b): on a 100-node graph, SA-SRRW in regime (i) after 20,000 visits, mean
   * over 3 seeds: both the distance to the optimum and the TV distance of x to mu fall as alpha
   * grows.
   */
  @Test
  void srrwAlphaSweep_distanceToOptimumAndTvFallAsAlphaGrows() throws IOException {
    String conf = shipped("srrw-alpha.conf");
    double[] alphas = {0, 1, 5, 20};
    double[] dist = new double[alphas.length];
    double[] tv = new double[alphas.length];
    int seeds = 3;
    for (int k = 0; k < alphas.length; k++) {
      for (int seed = 1; seed <= seeds; seed++) {
        Outcome o =
            TestScenarios.run(dir, conf, A + "alpha=" + alphas[k], "decentsim.seed=" + seed)
                .outcome();
        assertThat(last(o).rounds()).isEqualTo(20_000);
        dist[k] += last(o).distanceSq() / seeds;
        tv[k] += last(o).totalVariation() / seeds;
      }
    }
    // measured (4 seeds): distance 1.19e-3, 2.33e-4, 9.79e-5, 5.28e-5
    for (int k = 1; k < alphas.length; k++) {
      assertThat(dist[k]).as("distance at alpha %s", alphas[k]).isLessThan(dist[k - 1]);
      assertThat(tv[k]).as("TV at alpha %s", alphas[k]).isLessThan(tv[k - 1]);
    }
    assertThat(dist[3] * 10).isLessThan(dist[0]);
  }

  /**
   * ALGORITHMS.md §2.6 (a), sampling only: with an SRW base on a 100-node graph, the TV distance of
   * the visit frequencies to mu and the estimate's squared error fall as alpha grows (3 seeds,
   * 20,000 steps).
   */
  @Test
  void samplingOnly_tvAndEstimateErrorFallAsAlphaGrows() throws IOException {
    String conf = shipped("srrw-sampling.conf");
    double[] alphas = {0, 5, 20};
    double[] tv = new double[alphas.length];
    double[] err = new double[alphas.length];
    for (int k = 0; k < alphas.length; k++) {
      for (int seed = 1; seed <= 3; seed++) {
        Outcome o =
            TestScenarios.run(dir, conf, A + "alpha=" + alphas[k], "decentsim.seed=" + seed)
                .outcome();
        tv[k] += last(o).totalVariation() / 3;
        err[k] += last(o).distanceSq() / 3;
        assertThat(last(o).gradientEvaluations()).isZero(); // visits train nothing
      }
    }
    // measured: TV 0.032, 0.0095, 0.0051; squared error 1.7e-5, 4.8e-6, 4.6e-7
    assertThat(tv[1]).isLessThan(tv[0]);
    assertThat(tv[2]).isLessThan(tv[1]);
    assertThat(err[2] * 5).isLessThan(err[0]);
  }

  @Test
  void oneToken_convergesToTheCentralisedOptimum() throws IOException {
    Outcome o = TestScenarios.run(dir, shipped("token-ring.conf")).outcome();
    assertThat(o.rows().get(0).distanceSq()).isGreaterThan(1);
    assertThat(last(o).distanceSq()).isLessThan(1e-3);
    // one gradient and one hop per visit; every visit's model is a transfer
    assertThat(last(o).gradientEvaluations()).isEqualTo(last(o).updates());
    assertThat(last(o).transfers()).isEqualTo(last(o).updates() + 1);
    assertThat(last(o).bitsUp()).isZero();
  }

  @Test
  void fourTokens_sameDigestOnOneAndEightThreads_andOnTheDirectEngine() throws IOException {
    Scenario sc =
        TestScenarios.build(dir, shipped("tokens.conf"), "decentsim.stop.max-rounds=3000");
    String direct =
        LocalLauncher.run(sc, LocalLauncher.Engine.DIRECT, 1, false, new RunListener() {}, () -> 0)
            .digest();
    for (int threads : new int[] {1, 8}) {
      Outcome actor =
          LocalLauncher.run(
              sc, LocalLauncher.Engine.ACTOR, threads, true, new RunListener() {}, () -> 0);
      assertThat(actor.digest()).as("%d threads", threads).isEqualTo(direct);
    }
  }

  @Test
  void fourTokens_visitInParallel() throws IOException {
    String conf = shipped("tokens.conf");
    Outcome four = TestScenarios.run(dir, conf).outcome();
    Outcome one = TestScenarios.run(dir, conf, A + "tokens=1").outcome();
    // the same 20,000 visits take about a quarter of the virtual time (measured: 7.9 s vs 31.2 s)
    assertThat(last(four).virtualTime() * 3).isLessThan(last(one).virtualTime());
    assertThat(last(four).distanceSq()).isLessThan(1e-3);
  }

  /** ALGORITHMS.md §8.3: gossip with a decaying step reaches the centralised optimum. */
  @Test
  void gossip_reachesTheCentralisedOptimum_aConstantStepStallsAtTheHeterogeneityBias()
      throws IOException {
    String conf = shipped("gossip-ring.conf");
    Outcome decaying = TestScenarios.run(dir, conf).outcome();
    Outcome constant = TestScenarios.run(dir, conf, A + "gossip.step-decay=0").outcome();
    // measured at 20 s: 2.7e-4 (still falling) vs 0.040
    assertThat(last(decaying).distanceSq()).isLessThan(1e-3);
    int n = decaying.rows().size();
    assertThat(last(decaying).distanceSq()).isLessThan(decaying.rows().get(n / 2).distanceSq());
    assertThat(last(constant).distanceSq()).isGreaterThan(1e-2);
    // every round, each of the 50 ring nodes receives its 2 neighbours' models
    assertThat(last(decaying).transfers()).isEqualTo((last(decaying).rounds()) * 100L);
  }

  /**
   * On a complete graph the max-degree weights are all 1/N, so merging is full averaging: with E
   * full-batch epochs it is FedAvg over every client with uniform weights and E local steps.
   */
  @Test
  void mergeOnACompleteGraph_equalsFedAvg() throws IOException {
    String conf = shipped("merge-ring.conf");
    String[] common = {
      "decentsim.local.batch-size=0",
      "decentsim.stop.virtual-time=1000",
      "decentsim.stop.max-rounds=10",
      "decentsim.partition.clients=8"
    };
    Outcome merge =
        TestScenarios.run(
                dir,
                conf,
                concat(
                    common,
                    "decentsim.topology.kind=complete",
                    A + "merge.weights=max-degree",
                    A + "merge.epochs=5"))
            .outcome();
    Outcome fedavg =
        TestScenarios.run(
                dir,
                conf,
                concat(
                    common,
                    A + "kind=fedavg",
                    "decentsim.topology.kind=ring",
                    "decentsim.local.steps=5"))
            .outcome();
    assertThat(last(merge).rounds()).isEqualTo(10);
    assertThat(last(fedavg).rounds()).isEqualTo(10);
    double[] a = merge.finalModel();
    double[] b = fedavg.finalModel();
    for (int j = 0; j < a.length; j++) {
      assertThat(a[j]).as("coordinate %d", j).isCloseTo(b[j], within(1e-12));
    }
    // and a ring merges only with neighbours: a different model
    Outcome ring = TestScenarios.run(dir, conf, concat(common, A + "merge.epochs=5")).outcome();
    assertThat(Math.abs(ring.finalModel()[0] - a[0])).isGreaterThan(1e-6);
  }

  /** An edge list's per-edge latency and bandwidth time the hops over those edges. */
  @Test
  void edgeListLinks_timeTheTokenHops() throws IOException {
    Path plain = dir.resolve("ring.txt");
    Path slow = dir.resolve("ring-slow.txt");
    StringBuilder a = new StringBuilder("# a ring of 50\n");
    StringBuilder b = new StringBuilder("# the same ring, every edge 0.1 s and 1 MB/s\n");
    for (int i = 0; i < 50; i++) {
      a.append(i).append(' ').append((i + 1) % 50).append('\n');
      b.append(i).append(' ').append((i + 1) % 50).append(" 0.1 1e6\n");
    }
    Files.writeString(plain, a);
    Files.writeString(slow, b);
    String conf = shipped("token-ring.conf");
    String[] common = {
      "decentsim.topology.kind=file",
      "decentsim.stop.max-rounds=2000",
      "decentsim.stop.virtual-time=10000",
      "decentsim.metrics.interval=100"
    };
    Outcome fast =
        TestScenarios.run(dir, conf, concat(common, "decentsim.topology.path=" + plain)).outcome();
    Outcome timed =
        TestScenarios.run(dir, conf, concat(common, "decentsim.topology.path=" + slow)).outcome();
    // the same walk and models; only the hop times differ
    assertThat(timed.finalModel()).containsExactly(fast.finalModel());
    // per hop: the edge's 0.1 s + about 500 bytes (theta, d = 10, and x, 50 nodes) at 1 MB/s +
    // 0.001 s of compute
    assertThat(last(timed).virtualTime()).isCloseTo(2000 * 0.1015, within(2000 * 0.0005));
    assertThat(last(fast).virtualTime()).isLessThan(last(timed).virtualTime() / 20);
  }

  /** stop.max-bits compares runs at equal communication: one token beats gossip per bit. */
  @Test
  void atEqualBits_oneTokenEndsCloserToTheOptimumThanGossip() throws IOException {
    String conf = shipped("gossip-vs-tokens.conf");
    Outcome gossip = TestScenarios.run(dir, conf).outcome();
    Outcome token = TestScenarios.run(dir, conf, A + "kind=token").outcome();
    for (Outcome o : new Outcome[] {gossip, token}) {
      assertThat(o.message()).startsWith("reached 50000000 bits");
      long bits = last(o).bitsUp() + last(o).bitsDown();
      assertThat(bits).isBetween(50_000_000L, 50_000_000L + 8 * 4_000L);
    }
    // measured: 4.3e-3 (727 gossip rounds) vs 1.0e-4 (12,651 token visits)
    assertThat(last(token).distanceSq() * 10).isLessThan(last(gossip).distanceSq());
  }

  /**
   * With an SRW base (mu proportional to degree) the tokens reach the uniform average's optimum
   * when reweighted (client-weights = uniform) and the mu-weighted one without (stationary).
   */
  @Test
  void srwTokens_reachTheOptimumOfTheObjectiveTheirWeightsName() throws IOException {
    String conf = shipped("srrw-alpha.conf");
    for (String weights : new String[] {"uniform", "stationary"}) {
      Outcome o =
          TestScenarios.run(dir, conf, A + "walk=srw", A + "client-weights=" + weights).outcome();
      // measured: 2.0e-5 (uniform) and 1.4e-5 (stationary) after 20,000 visits
      assertThat(last(o).distanceSq()).as(weights).isLessThan(1e-3);
      assertThat(o.rows().get(0).distanceSq()).as(weights).isGreaterThan(0.1);
    }
    assertThatThrownBy(
            () ->
                TestScenarios.build(
                    dir, shipped("gossip-ring.conf"), A + "client-weights=stationary"))
        .hasMessageContaining("applies only to algorithm.kind = token");
  }

  /**
   * Compressed token hops carry C(theta) with no feedback: fewer bytes, and the token's model
   * stalls at a floor set by the compressor's variance.
   */
  @Test
  void compressedTokenHops_saveBytesButStallAtAVarianceFloor() throws IOException {
    String conf = shipped("token-ring.conf");
    Outcome whole = TestScenarios.run(dir, conf).outcome();
    Outcome natural =
        TestScenarios.run(dir, conf, "decentsim.compression.hop.kind=natural").outcome();
    // measured: 7.6e-5 vs 0.92; 51.0 vs 44.8 Mbit (x, 50 doubles, travels uncompressed)
    assertThat(last(natural).bitsDown()).isLessThan(last(whole).bitsDown());
    assertThat(last(natural).distanceSq()).isGreaterThan(100 * last(whole).distanceSq());
    assertThatThrownBy(() -> TestScenarios.build(dir, conf, "decentsim.compression.hop.kind=top-k"))
        .hasMessageContaining("only unbiased compressors");
  }

  @Test
  void tokenSettings_areCheckedAgainstTheAlgorithm() throws IOException {
    String ring = shipped("token-ring.conf");
    assertThatThrownBy(() -> TestScenarios.build(dir, ring, A + "kind=fedavg"))
        .hasMessageContaining("decentsim.algorithm.alpha")
        .hasMessageContaining("applies only to decentralized algorithms");
    assertThatThrownBy(
            () ->
                TestScenarios.build(
                    dir, ring, A + "alpha=0", "decentsim.topology.kind=star", A + "kind=fedbuff"))
        .hasMessageContaining("decentsim.topology.kind");
    assertThatThrownBy(
            () -> TestScenarios.build(dir, ring, "decentsim.compression.uplink.kind=sign"))
        .hasMessageContaining("decentsim.compression.uplink.kind")
        .hasMessageContaining("does not apply");
    assertThatThrownBy(
            () ->
                TestScenarios.build(
                    dir, ring, A + "kind=token", "decentsim.compression.exchange.kind=qsgd"))
        .hasMessageContaining("decentsim.compression.exchange.kind")
        .hasMessageContaining("applies only to gossip and merge");
    assertThatThrownBy(() -> TestScenarios.build(dir, ring, "decentsim.local.steps=2"))
        .hasMessageContaining("one gradient step");
    assertThatThrownBy(() -> TestScenarios.build(dir, ring, A + "client-weights=samples"))
        .hasMessageContaining("uniform average");
    assertThatThrownBy(
            () ->
                TestScenarios.build(
                    dir, ring, "decentsim.topology.kind=torus", "decentsim.topology.rows=7"))
        .hasMessageContaining("rows dividing it");
    assertThatThrownBy(() -> TestScenarios.build(dir, ring, A + "token.measure-exponent=0.4"))
        .hasMessageContaining("(0.5, 1]");
  }
}
