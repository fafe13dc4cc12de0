package org.decentsim.node.graph;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * An immutable simple undirected graph on nodes {@code 0..n-1} in compressed adjacency form.
 * Neighbours of each node are sorted in increasing order, so iteration order (and everything
 * sampled over it) is deterministic.
 */
public final class Graph {
  private final int[] offsets;
  private final int[] adjacency;
  private final int edges;

  private Graph(int[] offsets, int[] adjacency) {
    this.offsets = offsets;
    this.adjacency = adjacency;
    this.edges = adjacency.length / 2;
  }

  /**
   * Builds a graph from an edge list {@code (u[k], v[k])}.
   *
   * @throws IllegalArgumentException on a self-loop, a duplicate edge or a node out of range
   */
  public static Graph of(int n, int[] u, int[] v) {
    if (u.length != v.length) {
      throw new IllegalArgumentException("edge arrays differ in length");
    }
    int[] degree = new int[n];
    for (int k = 0; k < u.length; k++) {
      if (u[k] < 0 || u[k] >= n || v[k] < 0 || v[k] >= n) {
        throw new IllegalArgumentException(
            "edge " + u[k] + " - " + v[k] + " has a node outside 0.." + (n - 1));
      }
      if (u[k] == v[k]) {
        throw new IllegalArgumentException("self-loop at node " + u[k]);
      }
      degree[u[k]]++;
      degree[v[k]]++;
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + degree[i];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] adj = new int[offsets[n]];
    for (int k = 0; k < u.length; k++) {
      adj[fill[u[k]]++] = v[k];
      adj[fill[v[k]]++] = u[k];
    }
    for (int i = 0; i < n; i++) {
      Arrays.sort(adj, offsets[i], offsets[i + 1]);
      for (int p = offsets[i] + 1; p < offsets[i + 1]; p++) {
        if (adj[p] == adj[p - 1]) {
          throw new IllegalArgumentException("duplicate edge " + i + " - " + adj[p]);
        }
      }
    }
    return new Graph(offsets, adj);
  }

  /** Number of nodes. */
  public int nodes() {
    return offsets.length - 1;
  }

  /** Number of undirected edges. */
  public int edges() {
    return edges;
  }

  public int degree(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /** The largest degree. */
  public int maxDegree() {
    int max = 0;
    for (int i = 0; i < nodes(); i++) {
      max = Math.max(max, degree(i));
    }
    return max;
  }

  /** The k-th neighbour of node i (in increasing order). */
  public int neighbor(int i, int k) {
    return adjacency[offsets[i] + k];
  }

  public boolean hasEdge(int i, int j) {
    return Arrays.binarySearch(adjacency, offsets[i], offsets[i + 1], j) >= 0;
  }

  /** True when every node can reach every other. */
  public boolean isConnected() {
    int n = nodes();
    if (n == 0) {
      return true;
    }
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    seen[0] = true;
    int count = 1;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int k = 0; k < degree(i); k++) {
        int j = neighbor(i, k);
        if (!seen[j]) {
          seen[j] = true;
          count++;
          queue.add(j);
        }
      }
    }
    return count == n;
  }
}
