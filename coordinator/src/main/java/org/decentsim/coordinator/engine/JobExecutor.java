package org.decentsim.coordinator.engine;

/**
 * Carries jobs to the clients. Each job must eventually be answered with {@link
 * Simulation#complete} or {@link Simulation#fail} for its {@code seq}; answers may come on any
 * thread's behalf but must be handed to the simulation on the engine's thread.
 */
public interface JobExecutor {
  void submit(Job job);
}
