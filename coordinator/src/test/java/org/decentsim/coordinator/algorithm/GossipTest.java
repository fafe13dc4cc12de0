package org.decentsim.coordinator.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.decentsim.coordinator.engine.DirectExecutor;
import org.decentsim.coordinator.engine.EngineSettings;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.coordinator.system.Availability;
import org.decentsim.coordinator.system.ComputeModel;
import org.decentsim.coordinator.system.Distribution;
import org.decentsim.coordinator.system.LinkModel;
import org.decentsim.coordinator.system.Speeds;
import org.decentsim.coordinator.system.SystemModel;
import org.decentsim.node.client.Federation;
import org.decentsim.node.compress.Identity;
import org.decentsim.node.compress.TopK;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.data.Synthetic;
import org.decentsim.node.graph.MixingMatrix;
import org.decentsim.node.graph.Topologies;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Streams;
import org.junit.jupiter.api.Test;

/** Gossip rounds on the direct engine, plain and with CHOCO-Gossip compressed exchanges. */
class GossipTest {
  private static final int NODES = 8;
  private static final int DIM = 5;

  private static Outcome run(Gossip gossip) {
    Streams s = new Streams(3);
    var data = Synthetic.generate(s, Synthetic.Kind.LOGISTIC, 400, DIM, 2, NODES, 1.0, 0);
    Federation fed =
        new Federation(
            data,
            null,
            Partitioner.iid(400, NODES, s.stream("partition", 0)),
            () -> new LogisticRegression(DIM, Regularizer.NONE),
            0.5,
            0,
            s);
    double[] p = new double[NODES];
    java.util.Arrays.fill(p, 1.0 / NODES);
    SystemModel sys =
        new SystemModel(
            new ComputeModel(
                Speeds.fromDistribution(NODES, new Distribution.Constant(1), s),
                new Distribution.Constant(1),
                ComputeModel.Unit.ROUND,
                s),
            LinkModel.uniform(NODES, 0, 0, 0),
            Availability.ALWAYS,
            1);
    Simulation sim =
        new Simulation(
            fed,
            p,
            gossip,
            sys,
            new EngineSettings(60, 0, 0, Double.NaN, 1e6, 10, 0, 1, 1, true, 0),
            new double[DIM],
            new RunListener() {},
            () -> 0);
    return new DirectExecutor(fed).run(sim);
  }

  private static MixingMatrix ring() {
    return new MixingMatrix(Topologies.ring(NODES), MixingMatrix.Rule.METROPOLIS_HASTINGS);
  }

  @Test
  void chocoWithTheIdentityAndGammaOne_isPlainGossip() {
    Outcome plain = run(new Gossip(ring(), MergeOperator.AVERAGE, 0, DIM));
    Gossip choco =
        new Gossip(ring(), MergeOperator.AVERAGE, 0, DIM)
            .withCompressedExchanges(new Identity(DIM, false), 1.0);
    Outcome o = run(choco);
    assertThat(o.rows()).hasSameSizeAs(plain.rows());
    for (int j = 0; j < DIM; j++) {
      assertThat(o.finalModel()[j]).isCloseTo(plain.finalModel()[j], within(1e-12));
    }
  }

  @Test
  void chocoWithTopK_reachesPlainGossipsLoss_withFewerBits() {
    Outcome plain = run(new Gossip(ring(), MergeOperator.AVERAGE, 0, DIM));
    Outcome topk =
        run(
            new Gossip(ring(), MergeOperator.AVERAGE, 0, DIM)
                .withCompressedExchanges(new TopK(DIM, 2, false), 0.2));
    var a = plain.rows().get(plain.rows().size() - 1);
    var b = topk.rows().get(topk.rows().size() - 1);
    assertThat(b.trainLoss()).isCloseTo(a.trainLoss(), within(1e-3));
    assertThat(b.bitsDown()).isLessThan(a.bitsDown());
  }
}
