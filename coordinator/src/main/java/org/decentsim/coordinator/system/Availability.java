package org.decentsim.coordinator.system;

import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.random.Rngs;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * Whether a client can take work when the coordinator wants to dispatch to it. Queries come in
 * non-decreasing virtual time; each client's draws come from stream {@code ("availability", i)}.
 */
public interface Availability extends Checkpointable {
  boolean isAvailable(int client, double now);

  /** Always available. */
  Availability ALWAYS = new Always();

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
    return new Bernoulli(p, streams);
  }

  /**
   * A two-state Markov (on/off) process per client with exponential sojourns of the given mean
   * lengths (virtual seconds), started from its stationary distribution.
   */
  static Availability markov(int clients, double meanOn, double meanOff, Streams streams) {
    return new Markov(clients, meanOn, meanOff, streams);
  }

  /** Every client, always. */
  final class Always implements Availability {
    @Override
    public boolean isAvailable(int client, double now) {
      return true;
    }

    @Override
    public void saveState(StateWriter w) {}

    @Override
    public void restoreState(StateReader r) {}
  }

  /** Independent Bernoulli draws per dispatch attempt. */
  final class Bernoulli implements Availability {
    private final double[] p;
    private final RngTable rngs;
    private final Rng cursor = new Rng(0);

    Bernoulli(double[] p, Streams streams) {
      this.p = p;
      this.rngs = new RngTable(streams, "availability", p.length);
    }

    @Override
    public boolean isAvailable(int client, double now) {
      boolean available = rngs.load(client, cursor).nextDouble() < p[client];
      rngs.store(client, cursor);
      return available;
    }

    @Override
    public void saveState(StateWriter w) {
      rngs.save(w);
    }

    @Override
    public void restoreState(StateReader r) {
      rngs.restore(r);
    }
  }

  /** Per-client on/off Markov processes, advanced lazily to the query time. */
  final class Markov implements Availability {
    private final double meanOn;
    private final double meanOff;
    private final Streams streams;
    private final boolean[] on;
    private final double[] next;
    private final Rng[] rngs;

    Markov(int clients, double meanOn, double meanOff, Streams streams) {
      this.meanOn = meanOn;
      this.meanOff = meanOff;
      this.streams = streams;
      this.on = new boolean[clients];
      this.next = new double[clients];
      this.rngs = new Rng[clients];
    }

    @Override
    public boolean isAvailable(int client, double now) {
      Rng r = rngs[client];
      if (r == null) {
        r = Rngs.get(rngs, streams, "availability", client);
        on[client] = r.nextDouble() < meanOn / (meanOn + meanOff);
        next[client] = Draws.exponential(r, on[client] ? meanOn : meanOff);
      }
      while (next[client] <= now) {
        on[client] = !on[client];
        next[client] += Draws.exponential(r, on[client] ? meanOn : meanOff);
      }
      return on[client];
    }

    @Override
    public void saveState(StateWriter w) {
      Rngs.save(w, rngs);
      w.writeDoubles(next);
      for (boolean b : on) {
        w.writeBool(b);
      }
    }

    @Override
    public void restoreState(StateReader r) {
      Rngs.restore(r, rngs);
      r.readDoublesInto(next);
      for (int i = 0; i < on.length; i++) {
        on[i] = r.readBool();
      }
    }
  }
}
