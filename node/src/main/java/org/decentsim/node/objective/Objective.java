package org.decentsim.node.objective;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;

/**
 * A loss averaged over rows plus a regulariser: {@code f(w) = (1/n) sum_r loss(w; x_r, y_r) +
 * R(w)}, evaluated on the rows {@code idx[from .. to)} of a data set.
 */
public interface Objective {
  /** Length of the parameter vector. */
  int modelDim();

  /**
   * Mean loss over the rows plus the regulariser, and its gradient written into {@code out}
   * (modified, overwritten). {@code w} is not modified and must not be {@code out}.
   */
  double lossAndGradientInto(double[] w, DataSet data, int[] idx, int from, int to, double[] out);

  /** Mean loss over the rows plus the regulariser. */
  double loss(double[] w, DataSet data, int[] idx, int from, int to);

  /** Number of rows predicted correctly (classification), or 0 for regression. */
  int correct(double[] w, DataSet data, int[] idx, int from, int to);

  /**
   * {@link #loss} and {@link #correct} of the same rows in one pass over them: returns the loss and
   * adds the count of correct predictions to {@code correct[0]} (modified). Both equal the separate
   * calls' results exactly; objectives that score a row from the same products override it.
   */
  default double lossAndCorrect(
      double[] w, DataSet data, int[] idx, int from, int to, long[] correct) {
    correct[0] += correct(w, data, idx, from, to);
    return loss(w, data, idx, from, to);
  }

  /** True when {@link #correct} is meaningful. */
  boolean isClassification();

  /**
   * An estimate of the smoothness constant {@code L} of {@code f} on the view: the largest
   * eigenvalue of {@code (1/n) A^T A} (by power iteration) times the loss's curvature bound, plus
   * the regulariser's.
   */
  double smoothness(DataView view);

  /** A new instance with the same settings and its own scratch space. */
  Objective copy();

  /** Convenience: the loss over a whole view. */
  default double loss(double[] w, DataView v) {
    return loss(w, v.data(), v.index(), v.from(), v.to());
  }

  /** Convenience: loss and gradient over a whole view. */
  default double lossAndGradientInto(double[] w, DataView v, double[] out) {
    return lossAndGradientInto(w, v.data(), v.index(), v.from(), v.to(), out);
  }

  /**
   * Largest eigenvalue of {@code (1/n) A^T A} for the rows of {@code v}, by 50 steps of power
   * iteration from the all-ones vector (deterministic; exact for the test cases of interest up to
   * the iteration's convergence).
   */
  static double gramLambdaMax(DataView v) {
    DataSet d = v.data();
    int dim = d.dim();
    double[] x = new double[dim];
    double[] y = new double[dim];
    java.util.Arrays.fill(x, 1.0 / StrictMath.sqrt(dim));
    double lambda = 0;
    for (int it = 0; it < 50; it++) {
      java.util.Arrays.fill(y, 0);
      for (int k = 0; k < v.size(); k++) {
        int r = v.row(k);
        d.axpyRow(r, d.dot(r, x, 0), y, 0);
      }
      double norm = 0;
      for (double t : y) {
        norm += t * t;
      }
      norm = StrictMath.sqrt(norm);
      if (norm == 0) {
        return 0;
      }
      lambda = norm / v.size();
      for (int j = 0; j < dim; j++) {
        x[j] = y[j] / norm;
      }
    }
    return lambda;
  }
}
