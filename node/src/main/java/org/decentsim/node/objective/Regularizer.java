package org.decentsim.node.objective;

/**
 * {@code (l2 / 2) ||w||^2 + nonconvex * sum_j w_j^2 / (1 + w_j^2)}: ridge plus the nonconvex
 * regulariser of the EF21 experiments.
 */
public record Regularizer(double l2, double nonconvex) {
  public static final Regularizer NONE = new Regularizer(0, 0);

  public Regularizer {
    if (!(l2 >= 0) || !(nonconvex >= 0)) {
      throw new IllegalArgumentException("regularisation weights must be >= 0");
    }
  }

  /** The regulariser's value at {@code w}. */
  public double value(double[] w) {
    if (l2 == 0 && nonconvex == 0) {
      return 0;
    }
    double s = 0;
    for (double x : w) {
      double x2 = x * x;
      s += 0.5 * l2 * x2 + nonconvex * x2 / (1 + x2);
    }
    return s;
  }

  /** Adds the regulariser's gradient at {@code w} to {@code out} (modified). */
  public void addGradientInto(double[] w, double[] out) {
    if (l2 == 0 && nonconvex == 0) {
      return;
    }
    for (int j = 0; j < w.length; j++) {
      double x = w[j];
      double q = 1 + x * x;
      out[j] += l2 * x + nonconvex * 2 * x / (q * q);
    }
  }

  /** An upper bound of the regulariser's curvature: {@code l2 + 2 * nonconvex}. */
  public double smoothness() {
    return l2 + 2 * nonconvex;
  }
}
