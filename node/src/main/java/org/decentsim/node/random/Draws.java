package org.decentsim.node.random;

import org.decentsim.node.math.PortableMath;

/**
 * Draws from standard distributions using only a {@link Rng}, {@link StrictMath} and {@link
 * PortableMath} (whose results equal {@link StrictMath}'s), so results are bit-identical on every
 * JVM and machine (DESIGN.md §4: no CPU intrinsics in anything that feeds the digest).
 */
public final class Draws {
  private Draws() {}

  /** Standard normal by the Box–Muller transform (one value per call; two uniforms consumed). */
  public static double normal(Rng r) {
    double u1 = 1.0 - r.nextDouble(); // (0, 1]
    double u2 = r.nextDouble();
    return StrictMath.sqrt(-2.0 * PortableMath.log(u1))
        * PortableMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** Exponential with the given mean. */
  public static double exponential(Rng r, double mean) {
    return -mean * PortableMath.log(1.0 - r.nextDouble());
  }

  /** Uniform on [lo, hi). */
  public static double uniform(Rng r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /**
   * Gamma(shape, 1) by Marsaglia and Tsang (2000); for shape &lt; 1 uses the boost {@code
   * Gamma(a+1) * U^(1/a)}.
   */
  public static double gamma(Rng r, double shape) {
    if (!(shape > 0)) {
      throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
    }
    if (shape < 1) {
      double u = 1.0 - r.nextDouble();
      return gamma(r, shape + 1) * StrictMath.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(r);
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = 1.0 - r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) {
        return d * v;
      }
      if (PortableMath.log(u) < 0.5 * x * x + d * (1 - v + PortableMath.log(v))) {
        return d * v;
      }
    }
  }

  /** Fills {@code out} (modified) with a Dirichlet(alpha, ..., alpha) draw. */
  public static void dirichletInto(Rng r, double alpha, double[] out) {
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = gamma(r, alpha);
      sum += out[i];
    }
    if (sum == 0) {
      // every gamma underflowed (tiny alpha): all mass on one coordinate, as alpha -> 0
      out[r.nextInt(out.length)] = 1.0;
      return;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
  }

  /** Shuffles {@code a} (modified) in place, Fisher–Yates. */
  public static void shuffle(Rng r, int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
