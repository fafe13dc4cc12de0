package org.decentsim.node.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class MixingMatrixTest {
  @Test
  void bothRules_areSymmetricAndDoublyStochastic_withTheirNeighbourWeights() {
    Graph g = Topologies.barabasiAlbert(40, 2, new Rng(3));
    for (MixingMatrix.Rule rule : MixingMatrix.Rule.values()) {
      MixingMatrix w = new MixingMatrix(g, rule);
      for (int i = 0; i < g.nodes(); i++) {
        double row = 0;
        double col = 0;
        for (int j = 0; j < g.nodes(); j++) {
          row += w.get(i, j);
          col += w.get(j, i);
          assertThat(w.get(i, j)).isEqualTo(w.get(j, i));
          assertThat(w.get(i, j)).isGreaterThanOrEqualTo(0);
          if (i != j && g.hasEdge(i, j)) {
            double expected =
                rule == MixingMatrix.Rule.METROPOLIS_HASTINGS
                    ? Math.min(1.0 / g.degree(i), 1.0 / g.degree(j))
                    : 1.0 / (1 + Math.max(g.degree(i), g.degree(j)));
            assertThat(w.get(i, j)).isEqualTo(expected);
          } else if (i != j) {
            assertThat(w.get(i, j)).isZero();
          }
        }
        assertThat(row).isCloseTo(1, within(1e-12));
        assertThat(col).isCloseTo(1, within(1e-12));
      }
    }
  }
}
