package org.decentsim.node.objective;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.math.PortableMath;

/**
 * Multinomial logistic (softmax) regression with C classes: parameters are C row blocks {@code W_c}
 * of length d, {@code loss = logsumexp_c(x.W_c) - x.W_y}, plus a {@link Regularizer}. The Hessian
 * of the loss in the logits is bounded by 1/2, so {@code L = lambda_max(A^T A / n) / 2 + L_R}.
 */
public final class SoftmaxRegression implements Objective {
  private final int dim;
  private final int classes;
  private final Regularizer reg;
  private final double[] logits; // workspace

  public SoftmaxRegression(int dim, int classes, Regularizer reg) {
    if (classes < 2) {
      throw new IllegalArgumentException("softmax needs at least 2 classes");
    }
    this.dim = dim;
    this.classes = classes;
    this.reg = reg;
    this.logits = new double[classes];
  }

  @Override
  public int modelDim() {
    return dim * classes;
  }

  /** Fills {@link #logits} for row r and returns log-sum-exp. */
  private double logitsOf(double[] w, DataSet data, int r) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      logits[c] = data.dot(r, w, c * dim);
      max = Math.max(max, logits[c]);
    }
    double z = 0;
    for (int c = 0; c < classes; c++) {
      z += StrictMath.exp(logits[c] - max);
    }
    return max + PortableMath.log(z);
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
      int y = data.classOf(r);
      double lse = logitsOf(w, data, r);
      sum += lse - logits[y];
      for (int c = 0; c < classes; c++) {
        double p = StrictMath.exp(logits[c] - lse);
        double g = (c == y ? p - 1 : p) * inv;
        if (g != 0) {
          data.axpyRow(r, g, out, c * dim);
        }
      }
    }
    reg.addGradientInto(w, out);
    return sum * inv + reg.value(w);
  }

  @Override
  public double loss(double[] w, DataSet data, int[] idx, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      double lse = logitsOf(w, data, r);
      sum += lse - logits[data.classOf(r)];
    }
    return sum / (to - from) + reg.value(w);
  }

  @Override
  public double lossAndCorrect(
      double[] w, DataSet data, int[] idx, int from, int to, long[] correct) {
    double sum = 0;
    int ok = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      double lse = logitsOf(w, data, r);
      int y = data.classOf(r);
      sum += lse - logits[y];
      if (argmax(logits) == y) {
        ok++;
      }
    }
    correct[0] += ok;
    return sum / (to - from) + reg.value(w);
  }

  /** The first index of the largest value (0 when none is above minus infinity). */
  private static int argmax(double[] values) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < values.length; c++) {
      if (values[c] > bestValue) {
        bestValue = values[c];
        best = c;
      }
    }
    return best;
  }

  @Override
  public int correct(double[] w, DataSet data, int[] idx, int from, int to) {
    int ok = 0;
    for (int k = from; k < to; k++) {
      int r = idx[k];
      for (int c = 0; c < classes; c++) {
        logits[c] = data.dot(r, w, c * dim);
      }
      if (argmax(logits) == data.classOf(r)) {
        ok++;
      }
    }
    return ok;
  }

  @Override
  public boolean isClassification() {
    return true;
  }

  @Override
  public double smoothness(DataView view) {
    return Objective.gramLambdaMax(view) / 2 + reg.smoothness();
  }

  @Override
  public Objective copy() {
    return new SoftmaxRegression(dim, classes, reg);
  }
}
