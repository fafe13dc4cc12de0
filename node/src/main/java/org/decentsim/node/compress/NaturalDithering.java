package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Natural dithering with s levels in the 2-norm (Horváth et al.; ALGORITHMS.md §7): {@code
 * |x_j|/||x||_2} is rounded stochastically, without bias, to one of the levels {@code 0, 2^-(s-1),
 * ..., 1/2, 1}. Unbiased with {@code omega = 1/8 + d^(1/2)/2^(s-1) min(1, d^(1/2)/2^(s-1))}. Sent
 * as the norm plus {@code 1 + ceil(log2(s + 1))} bits per coordinate.
 */
public final class NaturalDithering implements Compressor {
  private final int dim;
  private final int levels;
  private final int bits;

  public NaturalDithering(int dim, int levels) {
    if (levels < 1 || levels > 60) {
      throw new IllegalArgumentException(
          "natural dithering needs 1 <= levels <= 60, got " + levels);
    }
    this.dim = dim;
    this.levels = levels;
    this.bits = 1 + Qsgd.ceilLog2(levels + 1);
  }

  @Override
  public String name() {
    return "natural-dithering";
  }

  @Override
  public CompressorClass compressorClass() {
    double r = Math.sqrt(dim) / Math.scalb(1.0, levels - 1);
    return CompressorClass.unbiased(0.125 + r * Math.min(1, r));
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    double norm = Qsgd.norm2(x, dim);
    out.setQuantized(dim, Payload.Scheme.NATURAL_DITHERING, norm, levels, 0, bits);
    if (norm == 0) {
      return;
    }
    double smallest = Math.scalb(1.0, 1 - levels);
    for (int j = 0; j < dim; j++) {
      double t = Math.min(1.0, Math.abs(x[j]) / norm);
      int l;
      if (t == 0) {
        l = 0;
      } else if (t < smallest) {
        l = rng.nextDouble() < t / smallest ? 1 : 0;
      } else {
        int a = Math.getExponent(t); // 2^a <= t < 2^(a+1), a in [1 - s, 0]
        double low = Math.scalb(1.0, a);
        l = a + levels;
        if (l < levels && rng.nextDouble() < (t - low) / low) {
          l++;
        }
      }
      out.putCode(j, l << 1 | (x[j] < 0 ? 1 : 0));
    }
  }
}
