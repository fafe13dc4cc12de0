package org.decentsim.coordinator.system;

/**
 * Per-client links: transfer time = {@code latency + bytes / bandwidth} in each direction, with
 * bytes from the encoded payload. A bandwidth of 0 means unlimited.
 */
public final class LinkModel {
  private final double[] latency;
  private final double[] upBytesPerSecond;
  private final double[] downBytesPerSecond;

  public LinkModel(double[] latency, double[] up, double[] down) {
    this.latency = latency;
    this.upBytesPerSecond = up;
    this.downBytesPerSecond = down;
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
    return latency[i] + (upBytesPerSecond[i] > 0 ? bytes / upBytesPerSecond[i] : 0);
  }

  public double downSeconds(int i, long bytes) {
    return latency[i] + (downBytesPerSecond[i] > 0 ? bytes / downBytesPerSecond[i] : 0);
  }
}
