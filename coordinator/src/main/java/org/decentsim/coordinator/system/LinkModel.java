package org.decentsim.coordinator.system;

/**
 * Per-client links: transfer time = {@code latency + bytes / bandwidth} in each direction, with
 * bytes from the encoded payload. A bandwidth of 0 means unlimited.
 */
public final class LinkModel {
  // null when every client has the same link, which the scalars below then hold: per-client arrays
  // cost a cache miss per lookup once there are many clients
  private final double[] latency;
  private final double[] upBytesPerSecond;
  private final double[] downBytesPerSecond;
  private final double sameLatency;
  private final double sameUp;
  private final double sameDown;
  private final int clients;

  public LinkModel(double[] latency, double[] up, double[] down) {
    if (latency.length != up.length || latency.length != down.length) {
      throw new IllegalArgumentException(
          "link arrays of lengths " + latency.length + ", " + up.length + ", " + down.length);
    }
    boolean same = Speeds.allEqual(latency) && Speeds.allEqual(up) && Speeds.allEqual(down);
    boolean empty = latency.length == 0;
    this.latency = same ? null : latency;
    this.upBytesPerSecond = same ? null : up;
    this.downBytesPerSecond = same ? null : down;
    this.sameLatency = same && !empty ? latency[0] : 0;
    this.sameUp = same && !empty ? up[0] : 0;
    this.sameDown = same && !empty ? down[0] : 0;
    this.clients = latency.length;
  }

  /** The same link for every client. */
  public static LinkModel uniform(int clients, double latency, double up, double down) {
    double[] l = new double[clients];
    double[] u = new double[clients];
    double[] d = new double[clients];
    java.util.Arrays.fill(l, latency);
    java.util.Arrays.fill(u, up);
    java.util.Arrays.fill(d, down);
    return new LinkModel(l, u, d);
  }

  public double upSeconds(int i, long bytes) {
    if (latency == null) {
      java.util.Objects.checkIndex(i, clients);
      return sameLatency + (sameUp > 0 ? bytes / sameUp : 0);
    }
    return latency[i] + (upBytesPerSecond[i] > 0 ? bytes / upBytesPerSecond[i] : 0);
  }

  public double downSeconds(int i, long bytes) {
    if (latency == null) {
      java.util.Objects.checkIndex(i, clients);
      return sameLatency + (sameDown > 0 ? bytes / sameDown : 0);
    }
    return latency[i] + (downBytesPerSecond[i] > 0 ? bytes / downBytesPerSecond[i] : 0);
  }
}
