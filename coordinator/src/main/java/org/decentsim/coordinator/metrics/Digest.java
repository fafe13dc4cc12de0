package org.decentsim.coordinator.metrics;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over the exact bits of every deterministic metric and of the final model (DESIGN.md §8).
 * Wall time and anything else that depends on the machine never enters it.
 */
public final class Digest {
  private final MessageDigest sha;
  private final byte[] buf = new byte[8];

  public Digest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private void putLong(long v) {
    for (int i = 0; i < 8; i++) {
      buf[i] = (byte) (v >>> (8 * i));
    }
    sha.update(buf);
  }

  private void putDouble(double v) {
    putLong(Double.doubleToRawLongBits(v));
  }

  /** Adds a metrics row (all fields but wall time). */
  public void add(MetricsRow r) {
    putDouble(r.virtualTime());
    putLong(r.events());
    putLong(r.rounds());
    putLong(r.updates());
    putDouble(r.trainLoss());
    putDouble(r.trainAccuracy());
    putDouble(r.gradNormSq());
    putDouble(r.testLoss());
    putDouble(r.testAccuracy());
    putLong(r.bitsUp());
    putLong(r.bitsDown());
    putDouble(r.stalenessMean());
    putLong(r.stalenessMax());
    putLong(r.dropped());
    putLong(r.faults());
    putLong(r.gradientEvaluations());
    putLong(r.transfers());
    putDouble(r.distanceSq());
    putDouble(r.totalVariation());
  }

  /** Adds the final model and returns the hex digest; the digest cannot be used afterwards. */
  public String finish(double[] model) {
    putLong(model.length);
    for (double v : model) {
      putDouble(v);
    }
    StringBuilder sb = new StringBuilder(64);
    for (byte b : sha.digest()) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
