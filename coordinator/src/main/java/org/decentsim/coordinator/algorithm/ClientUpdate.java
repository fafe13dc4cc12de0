package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.protocol.Vector;

/**
 * A client's update as an algorithm sees it, delivered in {@code (time, seq)} order.
 *
 * <p>The engine delivers every update in one instance that it refills ({@link #set}), so that an
 * event allocates nothing here: read it during {@code onUpdate}, never keep it (no algorithm does;
 * they copy what they need).
 */
public final class ClientUpdate {
  private int client;
  private long versionSent;
  private Vector sent;
  private double[] delta;
  private int localSteps;
  private long samples;
  private long staleness;
  private int tag;

  /** An update with the given fields; see {@link #set}. */
  public ClientUpdate(
      int client,
      long versionSent,
      Vector sent,
      double[] delta,
      int localSteps,
      long samples,
      long staleness,
      int tag) {
    set(client, versionSent, sent, delta, localSteps, samples, staleness, tag);
  }

  /**
   * Refills this update.
   *
   * @param sent the model snapshot the client started from (version {@code versionSent})
   * @param delta local model after training minus {@code sent}; with a compressed uplink, the
   *     receiver's estimate of it (decoded message plus error-feedback state), in a buffer the
   *     engine reuses
   * @param staleness server steps since the model was sent: {@code version at arrival -
   *     versionSent}
   * @param samples training rows the client processed
   * @param tag the tag of a job sent with {@link AlgorithmContext#dispatchCarrying}, else -1
   * @return this update
   */
  public ClientUpdate set(
      int client,
      long versionSent,
      Vector sent,
      double[] delta,
      int localSteps,
      long samples,
      long staleness,
      int tag) {
    this.client = client;
    this.versionSent = versionSent;
    this.sent = sent;
    this.delta = delta;
    this.localSteps = localSteps;
    this.samples = samples;
    this.staleness = staleness;
    this.tag = tag;
    return this;
  }

  public int client() {
    return client;
  }

  public long versionSent() {
    return versionSent;
  }

  public Vector sent() {
    return sent;
  }

  /** The update's values, for reading during {@code onUpdate} only (never written or kept). */
  public double[] delta() {
    return delta;
  }

  public int localSteps() {
    return localSteps;
  }

  public long samples() {
    return samples;
  }

  public long staleness() {
    return staleness;
  }

  public int tag() {
    return tag;
  }

  @Override
  public String toString() {
    return "ClientUpdate[client="
        + client
        + ", versionSent="
        + versionSent
        + ", localSteps="
        + localSteps
        + ", samples="
        + samples
        + ", staleness="
        + staleness
        + ", tag="
        + tag
        + "]";
  }
}
