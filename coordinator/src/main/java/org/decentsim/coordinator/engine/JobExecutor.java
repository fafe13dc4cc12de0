package org.decentsim.coordinator.engine;

import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * Carries jobs to the clients. Each job must eventually be answered with {@link
 * Simulation#complete} or {@link Simulation#fail} for its {@code seq}; answers may come on any
 * thread's behalf but must be handed to the simulation on the engine's thread.
 */
public interface JobExecutor {
  /**
   * One unit of client work: run {@code localSteps} steps of client {@code client} on {@code
   * model}, or, with a compressed downlink, on the model the client decodes from {@code
   * modelPayload} (then {@code model} is null). {@code due} is the virtual time of its COMPUTED
   * event, when the engine needs the result. The job's parts are passed one by one, so that handing
   * a job over allocates nothing of its own.
   */
  void submit(
      int client,
      long seq,
      long modelVersion,
      double due,
      Vector model,
      Payload modelPayload,
      int localSteps);
}
