package org.decentsim.node.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.decentsim.node.data.DataFormatException;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;

/**
 * Builds the graph topologies of decentralized scenarios; random ones draw from the given stream.
 */
public final class Topologies {
  private Topologies() {}

  /** Cycle 0 - 1 - ... - (n-1) - 0 (n >= 3). */
  public static Graph ring(int n) {
    if (n < 3) {
      throw new IllegalArgumentException("a ring needs at least 3 nodes, got " + n);
    }
    int[] u = new int[n];
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      u[i] = i;
      v[i] = (i + 1) % n;
    }
    return Graph.of(n, u, v);
  }

  /** A rows x cols torus (2-D grid with wrap-around); rows, cols >= 3. */
  public static Graph torus(int rows, int cols) {
    if (rows < 3 || cols < 3) {
      throw new IllegalArgumentException("a torus needs at least 3 x 3 nodes");
    }
    List<int[]> e = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        e.add(new int[] {i, r * cols + (c + 1) % cols});
        e.add(new int[] {i, ((r + 1) % rows) * cols + c});
      }
    }
    return fromList(rows * cols, e);
  }

  /** Every pair of nodes linked. */
  public static Graph complete(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        e.add(new int[] {i, j});
      }
    }
    return fromList(n, e);
  }

  /** Node 0 linked to every other node. */
  public static Graph star(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      e.add(new int[] {0, i});
    }
    return fromList(n, e);
  }

  /** Erdős–Rényi G(n, p), redrawn until connected (at most {@code 1000} draws). */
  public static Graph erdosRenyi(int n, double p, Rng rng) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      List<int[]> e = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (rng.nextDouble() < p) {
            e.add(new int[] {i, j});
          }
        }
      }
      Graph g = fromList(n, e);
      if (g.isConnected()) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "G(" + n + ", " + p + ") was disconnected in 1000 draws; raise p above about ln(n)/n");
  }

  /**
   * A random d-regular graph by the configuration model (stubs paired at random, redrawn on a
   * self-loop, a double edge or a disconnected result); n * d must be even.
   */
  public static Graph regular(int n, int d, Rng rng) {
    if (d < 1 || d >= n || (n * d) % 2 != 0) {
      throw new IllegalArgumentException(
          "a " + d + "-regular graph on " + n + " nodes does not exist");
    }
    int[] stubs = new int[n * d];
    for (int attempt = 0; attempt < 10_000; attempt++) {
      for (int i = 0; i < stubs.length; i++) {
        stubs[i] = i / d;
      }
      Draws.shuffle(rng, stubs);
      Set<Long> seen = new HashSet<>();
      boolean ok = true;
      int[] u = new int[stubs.length / 2];
      int[] v = new int[stubs.length / 2];
      for (int k = 0; k < u.length && ok; k++) {
        int a = Math.min(stubs[2 * k], stubs[2 * k + 1]);
        int b = Math.max(stubs[2 * k], stubs[2 * k + 1]);
        ok = a != b && seen.add((long) a * n + b);
        u[k] = a;
        v[k] = b;
      }
      if (ok) {
        Graph g = Graph.of(n, u, v);
        if (g.isConnected()) {
          return g;
        }
      }
    }
    throw new IllegalArgumentException(
        "no simple connected " + d + "-regular graph found in 10000 draws");
  }

  /**
   * Barabási–Albert preferential attachment: start from a complete graph on {@code m + 1} nodes;
   * each new node links to {@code m} distinct existing nodes chosen with probability proportional
   * to degree.
   */
  public static Graph barabasiAlbert(int n, int m, Rng rng) {
    if (m < 1 || n <= m) {
      throw new IllegalArgumentException("Barabási–Albert needs 1 <= m < n");
    }
    List<int[]> e = new ArrayList<>();
    List<Integer> ends = new ArrayList<>(); // every edge end: sampling it is degree-proportional
    for (int i = 0; i <= m; i++) {
      for (int j = i + 1; j <= m; j++) {
        e.add(new int[] {i, j});
        ends.add(i);
        ends.add(j);
      }
    }
    for (int i = m + 1; i < n; i++) {
      Set<Integer> targets = new java.util.TreeSet<>();
      while (targets.size() < m) {
        targets.add(ends.get(rng.nextInt(ends.size())));
      }
      for (int t : targets) {
        e.add(new int[] {t, i});
        ends.add(t);
        ends.add(i);
      }
    }
    return fromList(n, e);
  }

  /** A graph read from an edge list, with the links its lines set. */
  public record EdgeList(Graph graph, EdgeLinks links) {}

  /** As {@link #readWithLinks}, without the link settings. */
  public static Graph read(Path path) throws DataFormatException {
    return readWithLinks(path).graph();
  }

  /**
   * Reads a SNAP-style edge list: one edge "u v" per line (whitespace or comma separated), '#'
   * comments, optionally followed by the edge's latency in seconds and its bandwidth in bytes per
   * second ("u v latency [bandwidth]"; 0 = unlimited). Node ids are 0-based and the node count is
   * the largest id + 1. Self-loops, duplicate edges, bad numbers and a disconnected graph are
   * errors naming the file and line.
   */
  public static EdgeList readWithLinks(Path path) throws DataFormatException {
    String file = path.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataFormatException(
          file, 0, Files.exists(path) ? "cannot read: " + e.getMessage() : "file not found");
    }
    List<int[]> e = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    java.util.Map<Long, double[]> links = new java.util.HashMap<>();
    int n = 0;
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      int hash = line.indexOf('#');
      String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (body.isEmpty()) {
        continue;
      }
      String[] f = body.split("[\\s,]+");
      int u;
      int v;
      try {
        if (f.length < 2 || f.length > 4) {
          throw new NumberFormatException();
        }
        u = Integer.parseInt(f[0]);
        v = Integer.parseInt(f[1]);
      } catch (NumberFormatException ex) {
        throw new DataFormatException(
            file,
            k + 1,
            "expected 'u v' (two node ids) or 'u v latency [bandwidth]', got '" + body + "'");
      }
      if (f.length > 2) {
        double latency;
        double bandwidth;
        try {
          latency = Double.parseDouble(f[2]);
          bandwidth = f.length > 3 ? Double.parseDouble(f[3]) : 0;
        } catch (NumberFormatException ex) {
          throw new DataFormatException(
              file, k + 1, "latency and bandwidth must be numbers, got '" + body + "'");
        }
        if (!(latency >= 0) || !(bandwidth >= 0) || Double.isInfinite(latency + bandwidth)) {
          throw new DataFormatException(
              file, k + 1, "latency and bandwidth must be finite and >= 0, got '" + body + "'");
        }
        links.put(EdgeLinks.key(u, v), new double[] {latency, bandwidth});
      }
      if (u < 0 || v < 0) {
        throw new DataFormatException(file, k + 1, "node ids must be >= 0");
      }
      if (u == v) {
        throw new DataFormatException(file, k + 1, "self-loop at node " + u);
      }
      if (!seen.add((long) Math.min(u, v) << 32 | Math.max(u, v))) {
        throw new DataFormatException(file, k + 1, "duplicate edge " + u + " - " + v);
      }
      e.add(new int[] {u, v});
      n = Math.max(n, Math.max(u, v) + 1);
    }
    if (e.isEmpty()) {
      throw new DataFormatException(file, 0, "no edges");
    }
    Graph g = fromList(n, e);
    for (int i = 0; i < n; i++) {
      if (g.degree(i) == 0) {
        throw new DataFormatException(
            file, 0, "node " + i + " has no edge (ids must be 0.." + (n - 1) + ")");
      }
    }
    if (!g.isConnected()) {
      throw new DataFormatException(
          file, 0, "the graph is not connected (every node must reach every other)");
    }
    return new EdgeList(g, EdgeLinks.of(links));
  }

  private static Graph fromList(int n, List<int[]> e) {
    int[] u = new int[e.size()];
    int[] v = new int[e.size()];
    for (int k = 0; k < u.length; k++) {
      u[k] = e.get(k)[0];
      v[k] = e.get(k)[1];
    }
    return Graph.of(n, u, v);
  }
}
