package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * QSGD with s levels (Alistarh et al.; ALGORITHMS.md §7): {@code Q(x)_j = ||x||_2 sign(x_j) xi_j /
 * s}, where {@code xi_j} rounds {@code s|x_j|/||x||_2} stochastically to a neighbouring integer.
 * Unbiased with {@code omega = min(d/s^2, sqrt(d)/s)}. Sent as the norm plus a fixed-width code of
 * {@code 1 + ceil(log2(s + 1))} bits per coordinate (no Elias coding).
 */
public final class Qsgd implements Compressor {
  /** The most levels whose codes (sign + level) fit the wire's 16 bits per coordinate. */
  public static final int MAX_LEVELS = 32_767;

  private final int dim;
  private final int levels;
  private final int bits;

  public Qsgd(int dim, int levels) {
    if (levels < 1 || levels > MAX_LEVELS) {
      throw new IllegalArgumentException(
          "qsgd needs 1 <= levels <= " + MAX_LEVELS + " (16-bit codes), got " + levels);
    }
    this.dim = dim;
    this.levels = levels;
    this.bits = 1 + ceilLog2(levels + 1);
  }

  static int ceilLog2(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  @Override
  public String name() {
    return "qsgd";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.unbiased(
        Math.min((double) dim / ((double) levels * levels), Math.sqrt(dim) / levels));
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    double norm = norm2(x, dim);
    out.setQuantized(dim, Payload.Scheme.QSGD, norm, levels, 0, bits);
    if (norm == 0) {
      return;
    }
    for (int j = 0; j < dim; j++) {
      double r = levels * Math.abs(x[j]) / norm;
      int l = (int) r;
      if (rng.nextDouble() < r - l) {
        l++;
      }
      l = Math.min(l, levels);
      out.putCode(j, l << 1 | (x[j] < 0 ? 1 : 0));
    }
  }

  static double norm2(double[] x, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += x[j] * x[j];
    }
    return Math.sqrt(s);
  }
}
