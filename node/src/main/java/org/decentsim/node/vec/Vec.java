package org.decentsim.node.vec;

/**
 * Vector operations on {@code double[]} that allocate nothing. Loops run in index order, so sums
 * are reproducible bit for bit.
 */
public final class Vec {
  private Vec() {}

  /** {@code y += alpha * x}; x not modified, y modified. */
  public static void axpy(double alpha, double[] x, double[] y) {
    checkLength(x, y);
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** Dot product of {@code x} and {@code y} (not modified). */
  public static double dot(double[] x, double[] y) {
    checkLength(x, y);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** Squared Euclidean norm. */
  public static double normSq(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  /** {@code x *= alpha} in place. */
  public static void scale(double alpha, double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= alpha;
    }
  }

  /** True when every entry is finite. */
  public static boolean isFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static void checkLength(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("length mismatch: " + x.length + " vs " + y.length);
    }
  }
}
