package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Natural compression (Horváth et al. 2019; ALGORITHMS.md §7): each coordinate {@code t} with
 * {@code 2^a <= |t| < 2^(a+1)} becomes {@code sign(t) 2^a} with probability {@code (2^(a+1) -
 * |t|)/2^a}, else {@code sign(t) 2^(a+1)}. Unbiased with {@code omega = 1/8}. Sent as 9 bits per
 * coordinate: a sign and an 8-bit exponent code relative to the message's largest exponent, so a
 * message spans 255 binades; a coordinate more than 2^254 times smaller than the largest is sent as
 * 0 (a bias below 2^-254 relative to the largest coordinate).
 */
public final class NaturalCompression implements Compressor {
  private final int dim;

  public NaturalCompression(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "natural";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.unbiased(0.125);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    int max = Integer.MIN_VALUE;
    for (int j = 0; j < dim; j++) {
      if (x[j] != 0) {
        max = Math.max(max, Math.getExponent(x[j]) + 1);
      }
    }
    if (max == Integer.MIN_VALUE) {
      out.setQuantized(dim, Payload.Scheme.NATURAL, 0, 0, 0, 9);
      return;
    }
    out.setQuantized(dim, Payload.Scheme.NATURAL, 0, 0, max, 9);
    for (int j = 0; j < dim; j++) {
      double t = Math.abs(x[j]);
      if (t == 0) {
        continue;
      }
      int a = Math.getExponent(t);
      double low = Math.scalb(1.0, a);
      double draw = rng.nextDouble();
      int e = draw < (t - low) / low ? a + 1 : a;
      int code = max - e + 1;
      if (code <= 255) {
        out.putCode(j, code << 1 | (x[j] < 0 ? 1 : 0));
      }
    }
  }
}
