package org.decentsim.node.walk;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The walk's empirical measure {@code x} (ALGORITHMS.md §2.3): {@code x_0} uniform, then {@code
 * x_{n+1} = x_n + gamma_{n+1} (delta_{X_{n+1}} - x_n)} with {@code gamma_n = (n+1)^(-a)}; {@code a
 * = 1} gives visit frequencies (SRRW), {@code a in (0.5, 1]} the SA-SRRW schedule.
 *
 * <p>Implementation notes: {@code x = scale * y} is stored with a common scale, so an update costs
 * O(1) instead of O(N) (the decay multiplies the scale; the visited node's entry grows). The vector
 * is renormalised when the scale underflows towards zero.
 */
public final class EmpiricalMeasure {
  private final double a;
  private final double[] y;
  private double scale;
  private long n;

  public EmpiricalMeasure(int nodes, double a) {
    if (!(a > 0.5 && a <= 1)) {
      throw new IllegalArgumentException("the exponent a must be in (0.5, 1], got " + a);
    }
    this.a = a;
    this.y = new double[nodes];
    java.util.Arrays.fill(y, 1.0 / nodes);
    this.scale = 1.0;
  }

  /** {@code x_i}. */
  public double get(int i) {
    return scale * y[i];
  }

  /** Number of updates so far. */
  public long steps() {
    return n;
  }

  /** Moves x towards the point mass at {@code visited}. */
  public void visit(int visited) {
    n++;
    double gamma = a == 1.0 ? 1.0 / (n + 1) : StrictMath.pow(n + 1, -a);
    scale *= 1 - gamma;
    y[visited] += gamma / scale;
    if (scale < 1e-150) {
      for (int i = 0; i < y.length; i++) {
        y[i] *= scale;
      }
      scale = 1.0;
    }
  }

  /** Total-variation distance {@code (1/2) sum_i |x_i - mu_i|} to the kernel's stationary law. */
  public double totalVariation(TransitionKernel k) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.abs(get(i) - k.stationary(i));
    }
    return s / 2;
  }

  /** Writes the measure's state. */
  public void save(StateWriter w) {
    w.writeDoubles(y).writeDouble(scale).writeLong(n);
  }

  /** Restores a state written by {@link #save} for the same number of nodes. */
  public void restore(StateReader r) {
    r.readDoublesInto(y);
    scale = r.readDouble();
    n = r.readLong();
  }
}
