package org.decentsim.node.client;

import java.util.ArrayList;
import java.util.BitSet;
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
  private long[] restoredBatch; // states of a restored checkpoint, guarded by this
  private BitSet restoredMoved; // the clients whose stream the checkpoint has, guarded by this
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
      int c = (int) t.index(k);
      if (restoredMoved.get(c)) {
        t.setState(k, restoredBatch[c]);
      } else {
        t.clear(k);
      }
    }
  }

  @Override
  public synchronized void saveState(StateWriter w) {
    // the format of Rngs.save over all clients: the streams that moved, in client order
    long[] state = new long[clients];
    BitSet moved = new BitSet(clients);
    for (RngTable t : batchTables) {
      for (int k = 0; k < t.size(); k++) {
        if (t.moved(k)) {
          state[(int) t.index(k)] = t.state(k);
          moved.set((int) t.index(k));
        }
      }
    }
    w.writeInt(clients).writeInt(moved.cardinality());
    for (int c = moved.nextSetBit(0); c >= 0; c = moved.nextSetBit(c + 1)) {
      w.writeInt(c).writeLong(state[c]);
    }
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
    int n = r.readInt();
    if (n != clients) {
      throw new IllegalStateException("checkpoint has " + n + " streams, expected " + clients);
    }
    restoredBatch = new long[clients];
    restoredMoved = new BitSet(clients);
    int used = r.readInt();
    for (int k = 0; k < used; k++) {
      int c = r.readInt();
      if (c < 0 || c >= clients) {
        throw new IllegalStateException("corrupt checkpoint state: client " + c);
      }
      restoredBatch[c] = r.readLong();
      restoredMoved.set(c);
    }
    for (RngTable t : batchTables) {
      restoreInto(t);
    }
    n = r.readInt();
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
