package org.decentsim.node.walk;

import org.decentsim.node.random.Rng;

/**
 * A transition rule of a walk: the row of next-node weights from the current node (and, for
 * second-order chains, the previous one), and the chain's stationary distribution {@code mu}.
 */
public interface TransitionKernel {
  /**
   * Writes the candidates of the next node into {@code support} and their unnormalised weights into
   * {@code weights} (both modified, large enough for the maximum degree + 1).
   *
   * @param previous the node the walk came from, or -1 at the start
   * @return the number of candidates
   */
  int row(int current, int previous, int[] support, double[] weights);

  /** The stationary probability of node {@code i}. */
  double stationary(int i);

  /** Number of nodes. */
  int nodes();

  /** Largest row length (maximum degree + 1), for sizing the workspace. */
  int maxRow();

  /**
   * Samples the next node: one uniform draw {@code u}, the candidate whose cumulative weight first
   * exceeds {@code u * total}.
   */
  default int next(int current, int previous, Rng rng, int[] support, double[] weights) {
    int n = row(current, previous, support, weights);
    double total = 0;
    for (int k = 0; k < n; k++) {
      total += weights[k];
    }
    double u = rng.nextDouble() * total;
    double acc = 0;
    for (int k = 0; k < n - 1; k++) {
      acc += weights[k];
      if (u < acc) {
        return support[k];
      }
    }
    return support[n - 1];
  }
}
