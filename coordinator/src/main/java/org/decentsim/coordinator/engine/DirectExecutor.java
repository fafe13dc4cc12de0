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
    this.clients = fed.coordinatorShard();
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
      compute(clients, simulation, client, seq, model, modelPayload, localSteps);
    } catch (RuntimeException e) {
      simulation.fail(client, seq, e.toString());
    }
  }

  /**
   * Computes job {@code seq} of {@code client} with {@code shard} (which hosts it) and hands the
   * result to {@code sim}, on the calling thread, as a Worker actor would.
   *
   * @throws RuntimeException when the client's work fails (nothing is handed in then)
   */
  public static void compute(
      ClientShard shard,
      Simulation sim,
      int client,
      long seq,
      Vector model,
      Payload modelPayload,
      int localSteps) {
    double[] start = model != null ? model.readOnlyArray() : shard.receive(client, modelPayload);
    if (shard.compressesUplink()) {
      sim.complete(client, seq, shard.trainAndEncode(client, start, localSteps));
      return;
    }
    double[] delta = shard.updateBuffer();
    shard.trainInto(client, start, localSteps, delta);
    sim.complete(client, seq, delta);
  }
}
