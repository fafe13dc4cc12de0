package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Top-k: keeps the k coordinates of largest magnitude, zeroes the rest; contractive with {@code
 * delta = k/d} (deterministically). Ties at the k-th magnitude go to the lowest indices, so the
 * result is a function of {@code x} alone. Sent sparse (delta-varint indices + values). A NaN
 * counts as the largest magnitude, so a diverging run stays visible.
 */
public final class TopK implements Compressor {
  private final int dim;
  private final int k;
  private final boolean float32;
  private final double[] magnitudes;

  public TopK(int dim, int k, boolean float32) {
    if (k < 1 || k > dim) {
      throw new IllegalArgumentException("top-k needs 1 <= k <= " + dim + ", got " + k);
    }
    this.dim = dim;
    this.k = k;
    this.float32 = float32;
    this.magnitudes = new double[dim];
  }

  @Override
  public String name() {
    return "top-k";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.contractive((double) k / dim);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    for (int j = 0; j < dim; j++) {
      magnitudes[j] = magnitude(x[j]);
    }
    double threshold = Select.kthLargest(magnitudes, dim, k);
    int above = 0;
    for (int j = 0; j < dim; j++) {
      if (magnitude(x[j]) > threshold) {
        above++;
      }
    }
    int ties = k - above; // coordinates equal to the threshold that still fit, lowest index first
    out.setSparse(dim, k, float32);
    int[] idx = out.indices();
    double[] val = out.values();
    int n = 0;
    for (int j = 0; j < dim && n < k; j++) {
      double m = magnitude(x[j]);
      if (m > threshold || (m == threshold && ties-- > 0)) {
        idx[n] = j;
        val[n] = x[j];
        n++;
      }
    }
    out.seal();
  }

  private static double magnitude(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : Math.abs(v);
  }
}
