package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;

/**
 * Encodes a vector into a {@link Payload} (ALGORITHMS.md §7). An instance is built for one
 * dimension and holds scratch space, so it is used by one thread; once its scratch and the payload
 * have grown to size, {@link #compress} allocates nothing.
 */
public interface Compressor {
  /** The scenario name, e.g. {@code top-k}. */
  String name();

  /** The declared guarantee, checked by Monte-Carlo tests. */
  CompressorClass compressorClass();

  /**
   * Per-client state the compressor carries from one message to the next (PowerSGD's warm-started
   * factor), or null when it has none; drawn from {@code rng} when it needs an initial value.
   */
  default double[] newState(Rng rng) {
    return null;
  }

  /**
   * Writes {@code C(x)} for {@code x[0, dim)} (not modified) into {@code out}, drawing randomness
   * only from {@code rng}; {@code state} is this client's value of {@link #newState} (updated).
   */
  void compress(double[] x, Payload out, Rng rng, double[] state);
}
