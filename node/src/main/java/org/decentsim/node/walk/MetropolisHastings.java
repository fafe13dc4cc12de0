package org.decentsim.node.walk;

import org.decentsim.node.graph.Graph;

/**
 * Metropolis–Hastings walk with a uniform target (ALGORITHMS.md §2.2): {@code P_ij = min(1/d_i,
 * 1/d_j)} for each neighbour j and {@code P_ii = 1 - sum_j P_ij}; {@code mu_i = 1/N}. The
 * self-transition is the last candidate of the row and appears only when positive.
 */
public final class MetropolisHastings extends GraphWalk {
  public MetropolisHastings(Graph g) {
    super(g);
  }

  @Override
  public int row(int current, int previous, int[] support, double[] weights) {
    int d = g.degree(current);
    double stay = 1.0;
    for (int k = 0; k < d; k++) {
      int j = g.neighbor(current, k);
      double p = Math.min(1.0 / d, 1.0 / g.degree(j));
      support[k] = j;
      weights[k] = p;
      stay -= p;
    }
    if (stay > 1e-15) {
      support[d] = current;
      weights[d] = stay;
      return d + 1;
    }
    return d;
  }

  @Override
  public double stationary(int i) {
    return 1.0 / g.nodes();
  }
}
