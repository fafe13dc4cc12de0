package org.decentsim.node.graph;

import java.util.Map;

/**
 * Per-edge link settings read from an edge list: latency (seconds) and bandwidth (bytes per second,
 * 0 = unlimited) of the undirected edge {@code u - v}. Edges without settings use the system
 * model's per-client links.
 */
public final class EdgeLinks {
  /** No edge has its own settings. */
  public static final EdgeLinks NONE = new EdgeLinks(Map.of());

  private final Map<Long, double[]> links;

  private EdgeLinks(Map<Long, double[]> links) {
    this.links = links;
  }

  static long key(int u, int v) {
    return (long) Math.min(u, v) << 32 | Math.max(u, v);
  }

  static EdgeLinks of(Map<Long, double[]> links) {
    return links.isEmpty() ? NONE : new EdgeLinks(Map.copyOf(links));
  }

  /** True when edge {@code u - v} has its own settings. */
  public boolean has(int u, int v) {
    return links.containsKey(key(u, v));
  }

  /** True when no edge has its own settings. */
  public boolean isEmpty() {
    return links.isEmpty();
  }

  /**
   * Seconds to send {@code bytes} over edge {@code u - v}: latency + bytes / bandwidth; NaN when
   * the edge has no settings of its own.
   */
  public double seconds(int u, int v, long bytes) {
    double[] l = links.get(key(u, v));
    if (l == null) {
      return Double.NaN;
    }
    return l[0] + (l[1] > 0 ? bytes / l[1] : 0);
  }
}
