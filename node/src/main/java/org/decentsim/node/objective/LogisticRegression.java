package org.decentsim.node.objective;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.math.PortableMath;

/**
 * Binary logistic regression: {@code loss = log(1 + exp(-y x.w))} with {@code y = +1} for class 1
 * and {@code -1} for class 0, plus a {@link Regularizer}. Its curvature is at most 1/4, so {@code L
 * = lambda_max(A^T A / n) / 4 + L_R}.
 */
public final class LogisticRegression implements Objective {
  private final int dim;
  private final Regularizer reg;

  public LogisticRegression(int dim, Regularizer reg) {
    this.dim = dim;
    this.reg = reg;
  }

  @Override
  public int modelDim() {
    return dim;
  }

  /** {@code log(1 + exp(m))}, computed without overflow. */
  static double softplus(double m) {
    return m > 0
        ? m + PortableMath.log1p(StrictMath.exp(-m))
        : PortableMath.log1p(StrictMath.exp(m));
  }

  private static double sign(DataSet data, int r) {
    return data.classOf(r) == 1 ? 1.0 : -1.0;
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
      double y = sign(data, r);
      double m = -y * data.dot(r, w, 0);
      // softplus(m) and sigmoid(m) from the one exp(-|m|) both need (the values of softplus and of
      // the two-sided sigmoid, bit for bit)
      double e = StrictMath.exp(m > 0 ? -m : m);
      sum += m > 0 ? m + PortableMath.log1p(e) : PortableMath.log1p(e);
      // d/dz log(1+exp(-y z)) = -y * sigmoid(m)
      double s = m > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      data.axpyRow(r, -y * s * inv, out, 0);
    }
    reg.addGradientInto(w, out);
    return sum * inv + reg.value(w);
  }

  @Override
  public double loss(double[] w, DataSet data, int[] idx, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      sum += softplus(-sign(data, r) * data.dot(r, w, 0));
    }
    return sum / (to - from) + reg.value(w);
  }

  @Override
  public int correct(double[] w, DataSet data, int[] idx, int from, int to) {
    int ok = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      int predicted = data.dot(r, w, 0) > 0 ? 1 : 0;
      if (predicted == data.classOf(r)) {
        ok++;
      }
    }
    return ok;
  }

  @Override
  public double lossAndCorrect(
      double[] w, DataSet data, int[] idx, int from, int to, long[] correct) {
    double sum = 0;
    int ok = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      double z = data.dot(r, w, 0);
      sum += softplus(-sign(data, r) * z);
      if ((z > 0 ? 1 : 0) == data.classOf(r)) {
        ok++;
      }
    }
    correct[0] += ok;
    return sum / (to - from) + reg.value(w);
  }

  @Override
  public boolean isClassification() {
    return true;
  }

  @Override
  public double smoothness(DataView view) {
    return Objective.gramLambdaMax(view) / 4 + reg.smoothness();
  }

  @Override
  public Objective copy() {
    return new LogisticRegression(dim, reg);
  }
}
