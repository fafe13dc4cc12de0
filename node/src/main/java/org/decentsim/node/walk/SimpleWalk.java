package org.decentsim.node.walk;

import org.decentsim.node.graph.Graph;

/**
 * Simple random walk (SRW): {@code P_ij = 1/d_i} for each neighbour j; {@code mu_i = d_i / 2|E|}
 * (ALGORITHMS.md §2.2).
 */
public final class SimpleWalk extends GraphWalk {
  public SimpleWalk(Graph g) {
    super(g);
  }

  @Override
  public int row(int current, int previous, int[] support, double[] weights) {
    int d = g.degree(current);
    for (int k = 0; k < d; k++) {
      support[k] = g.neighbor(current, k);
      weights[k] = 1.0 / d;
    }
    return d;
  }

  @Override
  public double stationary(int i) {
    return degreeShare(i);
  }
}
