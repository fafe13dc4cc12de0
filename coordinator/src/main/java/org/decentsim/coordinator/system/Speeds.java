package org.decentsim.coordinator.system;

import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;

/** Per-client speeds (seconds per unit of work), drawn once at set-up from stream "speed". */
public final class Speeds {
  private Speeds() {}

  /** Every client's speed drawn i.i.d. from {@code d}, client by client in id order. */
  public static double[] fromDistribution(int clients, Distribution d, Streams streams) {
    Rng r = streams.stream("speed", 0);
    double[] s = new double[clients];
    for (int i = 0; i < clients; i++) {
      s[i] = d.sample(r);
    }
    return s;
  }

  /**
   * A straggler mixture: {@code round(fraction * clients)} clients, chosen uniformly at random, are
   * {@code factor} times slower than {@code base}.
   */
  public static double[] stragglers(
      int clients, double base, double fraction, double factor, Streams streams) {
    int[] ids = new int[clients];
    for (int i = 0; i < clients; i++) {
      ids[i] = i;
    }
    Draws.shuffle(streams.stream("stragglers", 0), ids);
    double[] s = new double[clients];
    java.util.Arrays.fill(s, base);
    int slow = (int) Math.round(fraction * clients);
    for (int k = 0; k < slow; k++) {
      s[ids[k]] = base * factor;
    }
    return s;
  }

  /**
   * Fraboni et al.'s {@code F-X} profile (ALGORITHMS.md §1.2): {@code tau_i = 1 - i * (X/100) / (M
   * - 1)}; client 0 is the slowest (1.0), client M-1 the fastest ({@code 1 - X/100}).
   */
  public static double[] fraboni(int clients, double x) {
    double[] s = new double[clients];
    for (int i = 0; i < clients; i++) {
      s[i] = clients == 1 ? 1.0 : 1.0 - i * (x / 100.0) / (clients - 1);
    }
    return s;
  }
}
