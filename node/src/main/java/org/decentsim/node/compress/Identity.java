package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/** {@code C(x) = x}, sent dense: unbiased with omega = 0 (and contractive with delta = 1). */
public final class Identity implements Compressor {
  private final int dim;
  private final boolean float32;

  public Identity(int dim, boolean float32) {
    this.dim = dim;
    this.float32 = float32;
  }

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.unbiased(0);
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    out.setDense(dim, float32);
    System.arraycopy(x, 0, out.values(), 0, dim);
    out.seal();
  }
}
