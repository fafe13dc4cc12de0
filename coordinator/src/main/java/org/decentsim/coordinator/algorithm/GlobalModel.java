package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.protocol.Vector;

/**
 * The coordinator's model {@code x} and its version {@code t} (server steps). Algorithms change
 * {@link #x()} in place and then call {@link #step()}; the snapshot handed to clients is taken once
 * per version and never mutated.
 */
public final class GlobalModel {
  private final double[] x;
  private long version;
  private Vector snapshot;

  public GlobalModel(double[] initial) {
    this.x = initial.clone();
  }

  /** The live parameters (modified by algorithms; call {@link #step()} after a change). */
  public double[] x() {
    return x;
  }

  public long version() {
    return version;
  }

  /** Marks one server step: the version increases and the next snapshot is a fresh copy. */
  public void step() {
    version++;
    snapshot = null;
  }

  /** An immutable copy of the current parameters, shared by every dispatch of this version. */
  public Vector snapshot() {
    Vector s = snapshot;
    if (s == null) {
      s = Vector.copyOf(x);
      snapshot = s;
    }
    return s;
  }

  /** Restores parameters and version from a checkpoint. */
  public void restore(double[] values, long savedVersion) {
    if (values.length != x.length) {
      throw new IllegalStateException("checkpoint model has dimension " + values.length);
    }
    System.arraycopy(values, 0, x, 0, x.length);
    version = savedVersion;
    snapshot = null;
  }
}
