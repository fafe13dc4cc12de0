package org.decentsim.node.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.decentsim.node.graph.Graph;
import org.decentsim.node.graph.Topologies;
import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class WalkTest {
  private static final Graph G = Topologies.barabasiAlbert(60, 2, new Rng(4));

  /** The dense transition matrix of a first-order kernel. */
  private static double[][] matrix(TransitionKernel k) {
    int n = k.nodes();
    double[][] p = new double[n][n];
    int[] s = new int[k.maxRow()];
    double[] w = new double[k.maxRow()];
    for (int i = 0; i < n; i++) {
      int m = k.row(i, -1, s, w);
      for (int c = 0; c < m; c++) {
        p[i][s[c]] += w[c];
      }
    }
    return p;
  }

  private static void assertStochasticWithStationary(TransitionKernel k) {
    double[][] p = matrix(k);
    int n = p.length;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += p[i][j];
      }
      assertThat(row).isCloseTo(1.0, within(1e-12));
    }
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += k.stationary(i) * p[i][j];
      }
      assertThat(s).as("(mu P)_%d", j).isCloseTo(k.stationary(j), within(1e-12));
    }
  }

  @Test
  void metropolisHastings_rowsSumToOne_uniformIsStationary() {
    assertStochasticWithStationary(new MetropolisHastings(G));
    assertThat(new MetropolisHastings(G).stationary(7)).isEqualTo(1.0 / 60);
  }

  @Test
  void simpleWalk_degreeProportionalIsStationary() {
    assertStochasticWithStationary(new SimpleWalk(G));
  }

  @Test
  void srrwAlphaZero_followsItsBaseChainExactly() {
    for (TransitionKernel base :
        new TransitionKernel[] {
          new SimpleWalk(G), new MetropolisHastings(G), new NonBacktrackingWalk(G)
        }) {
      Walker plain = new Walker(base, null, new Rng(11), 0);
      EmpiricalMeasure x = new EmpiricalMeasure(60, 1);
      Walker srrw = new Walker(new SelfRepellentWalk(base, 0, x), x, new Rng(11), 0);
      for (int t = 0; t < 20_000; t++) {
        assertThat(srrw.step()).isEqualTo(plain.step());
      }
    }
  }

  @Test
  void srrwAtItsTarget_equalsTheBaseKernel() {
    // K[mu] = P: an empirical measure equal to mu (uniform, for MH) gives the base weights bit for
    // bit
    MetropolisHastings base = new MetropolisHastings(G);
    SelfRepellentWalk k = new SelfRepellentWalk(base, 20, new EmpiricalMeasure(60, 1));
    int[] s1 = new int[base.maxRow()];
    double[] w1 = new double[base.maxRow()];
    int[] s2 = new int[base.maxRow()];
    double[] w2 = new double[base.maxRow()];
    for (int i = 0; i < 60; i++) {
      int n1 = base.row(i, -1, s1, w1);
      int n2 = k.row(i, -1, s2, w2);
      assertThat(n2).isEqualTo(n1);
      for (int c = 0; c < n1; c++) {
        assertThat(s2[c]).isEqualTo(s1[c]);
        assertThat(w2[c]).isEqualTo(w1[c]);
      }
    }
  }

  @Test
  void nonBacktracking_neverReturnsWhereItCameFromUnlessForced() {
    Walker w = new Walker(new NonBacktrackingWalk(G), null, new Rng(5), 0);
    int prev = -1;
    int cur = 0;
    for (int t = 0; t < 10_000; t++) {
      int next = w.step();
      if (prev >= 0 && G.degree(cur) > 1) {
        assertThat(next).isNotEqualTo(prev);
      }
      prev = cur;
      cur = next;
    }
  }

  private static double meanTv(double alpha, int steps, int runs) {
    double sum = 0;
    for (int r = 0; r < runs; r++) {
      SimpleWalk base = new SimpleWalk(G);
      EmpiricalMeasure x = new EmpiricalMeasure(60, 1);
      Walker w = new Walker(new SelfRepellentWalk(base, alpha, x), x, new Rng(100 + r), 0);
      for (int t = 0; t < steps; t++) {
        w.step();
      }
      sum += x.totalVariation(base);
    }
    return sum / runs;
  }

  @Test
  void empiricalMeasure_convergesToMu_fasterWithSelfRepellence() {
    double srw1k = meanTv(0, 1_000, 10);
    double srw20k = meanTv(0, 20_000, 10);
    double srrw20k = meanTv(10, 20_000, 10);
    assertThat(srw20k).isLessThan(srw1k / 2); // x_n -> mu
    assertThat(srrw20k).isLessThan(srw20k / 2); // self-repellence speeds it up
  }
}
