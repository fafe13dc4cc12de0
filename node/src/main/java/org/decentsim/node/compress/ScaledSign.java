package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Scaled sign: {@code C(x) = (||x||_1 / d) sign(x)} (sign(0) sent as +). Contractive with the
 * data-dependent {@code delta(x) = ||x||_1^2 / (d ||x||_2^2) >= 1/d}, declared as the worst case
 * {@code 1/d}; exactly {@code ||C(x) - x||^2 = ||x||^2 - ||x||_1^2/d}. Sent as the scale plus one
 * bit per coordinate. Deterministic.
 */
public final class ScaledSign implements Compressor {
  private final int dim;

  public ScaledSign(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "sign";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.contractive(1.0 / dim);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    double l1 = 0;
    for (int j = 0; j < dim; j++) {
      l1 += Math.abs(x[j]);
    }
    out.setQuantized(dim, Payload.Scheme.SIGN, l1 / dim, 0, 0, 1);
    for (int j = 0; j < dim; j++) {
      if (x[j] < 0) {
        out.putCode(j, 1);
      }
    }
  }
}
