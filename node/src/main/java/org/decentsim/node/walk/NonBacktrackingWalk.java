package org.decentsim.node.walk;

import org.decentsim.node.graph.Graph;

/**
 * Non-backtracking random walk (NBRW, ALGORITHMS.md §2.2): a uniform neighbour other than the node
 * just left, unless that is the only neighbour. Second-order on nodes; its stationary distribution
 * is proportional to degree, as for SRW.
 */
public final class NonBacktrackingWalk extends GraphWalk {
  public NonBacktrackingWalk(Graph g) {
    super(g);
  }

  @Override
  public int row(int current, int previous, int[] support, double[] weights) {
    int d = g.degree(current);
    int n = 0;
    boolean exclude = d > 1 && previous >= 0;
    for (int k = 0; k < d; k++) {
      int j = g.neighbor(current, k);
      if (exclude && j == previous) {
        continue;
      }
      support[n++] = j;
    }
    for (int k = 0; k < n; k++) {
      weights[k] = 1.0 / n;
    }
    return n;
  }

  @Override
  public double stationary(int i) {
    return degreeShare(i);
  }
}
