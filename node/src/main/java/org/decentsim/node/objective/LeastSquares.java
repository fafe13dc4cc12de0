package org.decentsim.node.objective;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;

/**
 * Least squares: {@code loss = (x.w - y)^2 / 2}, plus a {@link Regularizer}; {@code L =
 * lambda_max(A^T A / n) + L_R}.
 */
public final class LeastSquares implements Objective {
  private final int dim;
  private final Regularizer reg;

  public LeastSquares(int dim, Regularizer reg) {
    this.dim = dim;
    this.reg = reg;
  }

  @Override
  public int modelDim() {
    return dim;
  }

  @Override
  public double lossAndGradientInto(
      double[] w, DataSet data, int[] idx, int from, int to, double[] out) {
    if (w == out) {
      throw new IllegalArgumentException("w and out must be different arrays");
    }
    java.util.Arrays.fill(out, 0);
    double sum = 0;
    double inv = 1.0 / (to - from);
    for (int k = from; k < to; k++) {
      int r = idx[k];
      double e = data.dot(r, w, 0) - data.label(r);
      sum += 0.5 * e * e;
      data.axpyRow(r, e * inv, out, 0);
    }
    reg.addGradientInto(w, out);
    return sum * inv + reg.value(w);
  }

  @Override
  public double loss(double[] w, DataSet data, int[] idx, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      double e = data.dot(r, w, 0) - data.label(r);
      sum += 0.5 * e * e;
    }
    return sum / (to - from) + reg.value(w);
  }

  @Override
  public int correct(double[] w, DataSet data, int[] idx, int from, int to) {
    return 0;
  }

  @Override
  public boolean isClassification() {
    return false;
  }

  @Override
  public double smoothness(DataView view) {
    return Objective.gramLambdaMax(view) + reg.smoothness();
  }

  @Override
  public Objective copy() {
    return new LeastSquares(dim, reg);
  }
}
