package org.decentsim.coordinator.system;

/**
 * Per-client links: transfer time = {@code latency + bytes / bandwidth} in each direction, with
 * bytes from the encoded payload. A bandwidth of 0 means unlimited.
 */
public final class LinkModel {
  private final PerClient latency;
  private final PerClient upBytesPerSecond;
  private final PerClient downBytesPerSecond;

  public LinkModel(double[] latency, double[] up, double[] down) {
    if (latency.length != up.length || latency.length != down.length) {
      throw new IllegalArgumentException(
          "link arrays of lengths " + latency.length + ", " + up.length + ", " + down.length);
    }
    this.latency = new PerClient(latency);
    this.upBytesPerSecond = new PerClient(up);
    this.downBytesPerSecond = new PerClient(down);
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
    return seconds(latency.get(i), upBytesPerSecond.get(i), bytes);
  }

  public double downSeconds(int i, long bytes) {
    return seconds(latency.get(i), downBytesPerSecond.get(i), bytes);
  }

  private static double seconds(double latency, double bytesPerSecond, long bytes) {
    return latency + (bytesPerSecond > 0 ? bytes / bytesPerSecond : 0);
  }
}
