package org.decentsim.node.client;

import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Rngs;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The run state of every client, indexed by client id: its batch stream {@code ("client-batch",
 * id)}, created on first use. One instance per run; each shard touches only its own clients'
 * entries, and a checkpoint reads them only when no job is in flight.
 */
public final class ClientStates implements Checkpointable {
  private final Streams streams;
  private final Rng[] batch;

  public ClientStates(int clients, Streams streams) {
    this.streams = streams;
    this.batch = new Rng[clients];
  }

  /** Client {@code id}'s batch stream. */
  public Rng batch(int id) {
    return Rngs.get(batch, streams, "client-batch", id);
  }

  @Override
  public void saveState(StateWriter w) {
    Rngs.save(w, batch);
  }

  @Override
  public void restoreState(StateReader r) {
    Rngs.restore(r, batch);
  }
}
