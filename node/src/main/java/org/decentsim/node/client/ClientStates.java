package org.decentsim.node.client;

import java.util.ArrayList;
import java.util.List;
import org.decentsim.node.compress.ClientCompressionState;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The run state of every client: its batch stream {@code ("client-batch", id)}, held in the table
 * of the shard that hosts it, and its uplink compression state, created on first use. One instance
 * per run; each shard touches only its own clients' entries, and a checkpoint reads them only when
 * no job is in flight.
 */
public final class ClientStates implements Checkpointable {
  private static final String BATCH = "client-batch";
  private final Streams streams;
  private final int clients;
  private final List<RngTable> batchTables = new ArrayList<>(); // guarded by this
  private RngTable restoredBatch; // the batch streams of a restored checkpoint, guarded by this
  private final ClientCompressionState[] uplink;
  private final double[][] downlink;
  private volatile UpdateBuffers updateBuffers;

  public ClientStates(int clients, Streams streams) {
    this.streams = streams;
    this.clients = clients;
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
          b = updateBuffers = new UpdateBuffers(dim, clients);
        }
      }
    }
    return b;
  }

  /**
   * A table of the batch streams of clients {@code first, first + stride, ...} ({@code count} of
   * them), slot {@code k} for client {@code first + k * stride}, for the shard that hosts them. The
   * streams are at their checkpointed states when a checkpoint was restored, at their first states
   * otherwise.
   */
  public synchronized RngTable batchStreams(int first, int stride, int count) {
    if (count > 0 && first + (long) (count - 1) * stride >= clients) {
      throw new IllegalArgumentException(
          "shard " + first + " + k * " + stride + " (" + count + " clients) beyond " + clients);
    }
    RngTable t = new RngTable(streams, BATCH, first, stride, count);
    if (restoredBatch != null) {
      restoreInto(t);
    }
    batchTables.add(t);
    return t;
  }

  private void restoreInto(RngTable t) {
    for (int k = 0; k < t.size(); k++) {
      t.setState(k, restoredBatch.state((int) t.index(k)));
    }
  }

  /** A table of every client's batch stream, slot c for client c, at its first state. */
  private RngTable allBatchStreams() {
    return new RngTable(streams, BATCH, clients);
  }

  @Override
  public synchronized void saveState(StateWriter w) {
    // the shards' streams gathered into one table of all clients, saved in the format of Rngs.save
    RngTable all = allBatchStreams();
    for (RngTable t : batchTables) {
      for (int k = 0; k < t.size(); k++) {
        if (t.moved(k)) {
          all.setState((int) t.index(k), t.state(k));
        }
      }
    }
    all.save(w);
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
  public synchronized void restoreState(StateReader r) {
    RngTable all = allBatchStreams();
    all.restore(r);
    restoredBatch = all;
    for (RngTable t : batchTables) {
      restoreInto(t);
    }
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
