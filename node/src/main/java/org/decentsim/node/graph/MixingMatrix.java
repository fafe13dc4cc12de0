package org.decentsim.node.graph;

/**
 * A symmetric, doubly stochastic gossip matrix W on a graph's nodes (ALGORITHMS.md §8.3), stored by
 * rows: node i's neighbours' weights and its own. Two rules:
 *
 * <ul>
 *   <li>Metropolis–Hastings: {@code W_ij = min(1/d_i, 1/d_j)} for neighbours;
 *   <li>max-degree ("Metropolis"): {@code W_ij = 1/(1 + max(d_i, d_j))};
 * </ul>
 *
 * and {@code W_ii = 1 - sum_{j != i} W_ij} in both.
 */
public final class MixingMatrix {
  /** How neighbour weights are set. */
  public enum Rule {
    METROPOLIS_HASTINGS,
    MAX_DEGREE
  }

  private final Graph graph;
  private final double[][] neighbourWeights;
  private final double[] self;

  public MixingMatrix(Graph graph, Rule rule) {
    this.graph = graph;
    int n = graph.nodes();
    this.neighbourWeights = new double[n][];
    this.self = new double[n];
    for (int i = 0; i < n; i++) {
      int d = graph.degree(i);
      neighbourWeights[i] = new double[d];
      double sum = 0;
      for (int k = 0; k < d; k++) {
        int j = graph.neighbor(i, k);
        double w =
            rule == Rule.METROPOLIS_HASTINGS
                ? Math.min(1.0 / d, 1.0 / graph.degree(j))
                : 1.0 / (1 + Math.max(d, graph.degree(j)));
        neighbourWeights[i][k] = w;
        sum += w;
      }
      self[i] = 1 - sum;
    }
  }

  public Graph graph() {
    return graph;
  }

  /** {@code W_ii}. */
  public double self(int i) {
    return self[i];
  }

  /** {@code W_ij} for j = the k-th neighbour of i ({@link Graph#neighbor}). */
  public double neighbour(int i, int k) {
    return neighbourWeights[i][k];
  }

  /** {@code W_ij} for any j (0 when j is neither i nor a neighbour). */
  public double get(int i, int j) {
    if (i == j) {
      return self[i];
    }
    for (int k = 0; k < graph.degree(i); k++) {
      if (graph.neighbor(i, k) == j) {
        return neighbourWeights[i][k];
      }
    }
    return 0;
  }
}
