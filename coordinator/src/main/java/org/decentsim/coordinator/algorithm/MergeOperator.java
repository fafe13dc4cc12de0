package org.decentsim.coordinator.algorithm;

import org.decentsim.node.graph.MixingMatrix;

/**
 * Combines a node's model with its neighbours' (the "combine" of gossip, the "merge" of DIMAT,
 * ALGORITHMS.md §8.1, §8.3). For vector models this is the mixing-matrix average {@link #AVERAGE};
 * a layer-aware merge (permutation matching of hidden units before averaging) would implement this
 * interface with knowledge of the model's layers.
 */
@FunctionalInterface
public interface MergeOperator {
  /**
   * Writes node i's merged model into {@code out} from every node's {@code models} (not modified).
   */
  void merge(int i, double[][] models, MixingMatrix w, double[] out);

  /** {@code out = sum_j W_ij models_j}. */
  MergeOperator AVERAGE =
      (i, models, w, out) -> {
        double[] own = models[i];
        double s = w.self(i);
        for (int c = 0; c < out.length; c++) {
          out[c] = s * own[c];
        }
        for (int k = 0; k < w.graph().degree(i); k++) {
          double[] m = models[w.graph().neighbor(i, k)];
          double wk = w.neighbour(i, k);
          for (int c = 0; c < out.length; c++) {
            out[c] += wk * m[c];
          }
        }
      };
}
