package org.decentsim.node.client;

import org.decentsim.node.compress.ClientCompressionState;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Rngs;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The run state of every client, indexed by client id: its batch stream {@code ("client-batch",
 * id)} and its uplink compression state, created on first use. One instance per run; each shard
 * touches only its own clients' entries, and a checkpoint reads them only when no job is in flight.
 */
public final class ClientStates implements Checkpointable {
  private final Streams streams;
  private final Rng[] batch;
  private final ClientCompressionState[] uplink;
  private final double[][] downlink;
  private volatile UpdateBuffers updateBuffers;

  public ClientStates(int clients, Streams streams) {
    this.streams = streams;
    this.batch = new Rng[clients];
    this.uplink = new ClientCompressionState[clients];
    this.downlink = new double[clients][];
  }

  /**
   * The clients' mirrors of a compressed downlink (EF21-P: the model each client holds), indexed by
   * client and filled on first use by the shards' decoders.
   */
  public double[][] downlinkMirrors() {
    return downlink;
  }

  /** Client {@code id}'s uplink compression state, with its stream {@code ("compressor", id)}. */
  public ClientCompressionState uplink(int id) {
    ClientCompressionState s = uplink[id];
    if (s == null) {
      s = uplink[id] = new ClientCompressionState(streams.stream("compressor", id));
    }
    return s;
  }

  /**
   * The run's recycled update arrays of dimension {@code dim} (created on first use; not part of a
   * checkpoint: their contents never matter).
   */
  public UpdateBuffers updateBuffers(int dim) {
    UpdateBuffers b = updateBuffers;
    if (b == null) {
      synchronized (this) {
        b = updateBuffers;
        if (b == null) {
          b = updateBuffers = new UpdateBuffers(dim, batch.length);
        }
      }
    }
    return b;
  }

  /** Client {@code id}'s batch stream. */
  public Rng batch(int id) {
    return Rngs.get(batch, streams, "client-batch", id);
  }

  @Override
  public void saveState(StateWriter w) {
    Rngs.save(w, batch);
    int n = 0;
    for (ClientCompressionState s : uplink) {
      n += s != null ? 1 : 0;
    }
    w.writeInt(n);
    for (int c = 0; c < uplink.length; c++) {
      if (uplink[c] != null) {
        w.writeInt(c);
        uplink[c].save(w);
      }
    }
    n = 0;
    for (double[] m : downlink) {
      n += m != null ? 1 : 0;
    }
    w.writeInt(n);
    for (int c = 0; c < downlink.length; c++) {
      if (downlink[c] != null) {
        w.writeInt(c).writeDoubles(downlink[c]);
      }
    }
  }

  @Override
  public void restoreState(StateReader r) {
    Rngs.restore(r, batch);
    int n = r.readInt();
    for (int k = 0; k < n; k++) {
      int c = r.readInt();
      if (c < 0 || c >= uplink.length) {
        throw new IllegalStateException("corrupt checkpoint state: client " + c);
      }
      uplink(c).restore(r);
    }
    n = r.readInt();
    for (int k = 0; k < n; k++) {
      int c = r.readInt();
      if (c < 0 || c >= downlink.length) {
        throw new IllegalStateException("corrupt checkpoint state: client " + c);
      }
      downlink[c] = r.readDoubles();
    }
  }
}
