package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Bernoulli ("lazy") compression: sends {@code x/p} dense with probability p, otherwise nothing (a
 * payload with no body, a few bytes). Unbiased with {@code omega = 1/p - 1}.
 */
public final class Bernoulli implements Compressor {
  private final int dim;
  private final double p;
  private final boolean float32;

  public Bernoulli(int dim, double p, boolean float32) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("bernoulli needs 0 < p <= 1, got " + p);
    }
    this.dim = dim;
    this.p = p;
    this.float32 = float32;
  }

  @Override
  public String name() {
    return "bernoulli";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.unbiased(1 / p - 1);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    if (rng.nextDouble() < p) {
      out.setDense(dim, float32);
      double[] v = out.values();
      for (int j = 0; j < dim; j++) {
        v[j] = x[j] / p;
      }
      out.seal();
    } else {
      out.setZero(dim);
    }
  }
}
