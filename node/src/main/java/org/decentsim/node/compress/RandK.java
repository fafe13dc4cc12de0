package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Rand-k: keeps a uniformly random k-subset S of the coordinates. Scaled, {@code C(x) = (d/k) x ⊙
 * 1_S} is unbiased with {@code omega = d/k - 1}; unscaled, {@code x ⊙ 1_S} is contractive in
 * expectation with {@code delta = k/d}. S is drawn by selection sampling (Knuth's algorithm S), one
 * draw per coordinate, so it comes out sorted for the sparse encoding.
 */
public final class RandK implements Compressor {
  private final int dim;
  private final int k;
  private final boolean scaled;
  private final boolean float32;

  public RandK(int dim, int k, boolean scaled, boolean float32) {
    if (k < 1 || k > dim) {
      throw new IllegalArgumentException("rand-k needs 1 <= k <= " + dim + ", got " + k);
    }
    this.dim = dim;
    this.k = k;
    this.scaled = scaled;
    this.float32 = float32;
  }

  @Override
  public String name() {
    return scaled ? "rand-k" : "rand-k-unscaled";
  }

  @Override
  public CompressorClass compressorClass() {
    return scaled
        ? CompressorClass.unbiased((double) dim / k - 1)
        : CompressorClass.contractive((double) k / dim);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    out.setSparse(dim, k, float32);
    int[] idx = out.indices();
    double[] val = out.values();
    double scale = scaled ? (double) dim / k : 1.0;
    int chosen = 0;
    for (int j = 0; j < dim && chosen < k; j++) {
      if (rng.nextDouble() * (dim - j) < k - chosen) {
        idx[chosen] = j;
        val[chosen] = scale * x[j];
        chosen++;
      }
    }
    out.seal();
  }
}
