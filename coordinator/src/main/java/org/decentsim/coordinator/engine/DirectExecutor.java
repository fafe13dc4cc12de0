package org.decentsim.coordinator.engine;

import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * The {@code direct} engine's executor: computes each job at once on the calling thread, with one
 * shard hosting every client. No actors; the benchmark baseline (DESIGN.md §3).
 */
public final class DirectExecutor implements JobExecutor {
  private final ClientShard clients;
  private Simulation simulation;

  public DirectExecutor(Federation fed) {
    this.clients = fed.shard(0, 1, fed.clients());
  }

  /** Runs {@code sim} to its end on this thread and returns the outcome. */
  public Outcome run(Simulation sim) {
    this.simulation = sim;
    sim.start(this);
    if (!sim.run()) {
      throw new IllegalStateException("direct engine left a job without a result");
    }
    return sim.outcome();
  }

  @Override
  public void submit(
      int client,
      long seq,
      long modelVersion,
      double due,
      Vector model,
      Payload modelPayload,
      int localSteps) {
    try {
      double[] start =
          model != null ? model.readOnlyArray() : clients.receive(client, modelPayload);
      if (clients.compressesUplink()) {
        Payload p = clients.trainAndEncode(client, start, localSteps);
        simulation.complete(client, seq, p);
        return;
      }
      double[] delta = clients.updateBuffer();
      clients.trainInto(client, start, localSteps, delta);
      simulation.complete(client, seq, delta);
    } catch (RuntimeException e) {
      simulation.fail(client, seq, e.toString());
    }
  }
}
