package org.decentsim.coordinator.system;

import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;

/**
 * Whether a client can take work when the coordinator wants to dispatch to it. Queries come in
 * non-decreasing virtual time; each client's draws come from stream {@code ("availability", i)}.
 */
public interface Availability {
  boolean isAvailable(int client, double now);

  /** Always available. */
  Availability ALWAYS = (client, now) -> true;

  /**
   * Available with probability {@code p_i} at each dispatch attempt; {@code p_i} is drawn once per
   * client from {@code probability} (a constant gives every client the same p).
   */
  static Availability bernoulli(int clients, Distribution probability, Streams streams) {
    double[] p = Speeds.fromDistribution(clients, probability, streams);
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("availability probability " + v + " outside [0, 1]");
      }
    }
    Rng[] rngs = new Rng[clients];
    return (client, now) -> {
      Rng r = rngs[client];
      if (r == null) {
        r = streams.stream("availability", client);
        rngs[client] = r;
      }
      return r.nextDouble() < p[client];
    };
  }

  /**
   * A two-state Markov (on/off) process per client with exponential sojourns of the given mean
   * lengths (virtual seconds), started from its stationary distribution.
   */
  static Availability markov(int clients, double meanOn, double meanOff, Streams streams) {
    boolean[] on = new boolean[clients];
    double[] next = new double[clients];
    Rng[] rngs = new Rng[clients];
    return (client, now) -> {
      Rng r = rngs[client];
      if (r == null) {
        r = streams.stream("availability", client);
        rngs[client] = r;
        on[client] = r.nextDouble() < meanOn / (meanOn + meanOff);
        next[client] = Draws.exponential(r, on[client] ? meanOn : meanOff);
      }
      while (next[client] <= now) {
        on[client] = !on[client];
        next[client] += Draws.exponential(r, on[client] ? meanOn : meanOff);
      }
      return on[client];
    };
  }
}
