package org.decentsim.simulations.scenario;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.decentsim.coordinator.algorithm.Algorithm;
import org.decentsim.coordinator.engine.EngineSettings;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.coordinator.system.SystemModel;
import org.decentsim.node.client.Federation;

/**
 * A validated scenario with its data loaded: everything needed to start fresh simulations of it.
 * Algorithms and system models hold run state, so each {@link #newSimulation} builds new ones.
 *
 * @param description one line on data, clients and model size, for the log
 */
public record Scenario(
    String name,
    long seed,
    Settings settings,
    Federation federation,
    double[] clientWeights,
    Supplier<Algorithm> algorithms,
    Supplier<SystemModel> systems,
    EngineSettings engine,
    String description) {

  /** A fresh simulation of this scenario, starting from the zero model. */
  public Simulation newSimulation(RunListener listener, DoubleSupplier wallSeconds) {
    return new Simulation(
        federation,
        clientWeights,
        algorithms.get(),
        systems.get(),
        engine,
        new double[federation.modelDim()],
        listener,
        wallSeconds);
  }
}
