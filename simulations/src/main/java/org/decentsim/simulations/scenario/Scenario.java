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
 * @param optimum {@code x*} of the federated objective when the scenario asks for the distance to
 *     it, else null
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
    String description,
    double[] optimum) {

  /** One run of this scenario: its federation (with its own client state) and its simulation. */
  public record Run(Federation federation, Simulation simulation) {}

  /** A fresh run of this scenario, starting from the zero model. */
  public Run newRun(RunListener listener, DoubleSupplier wallSeconds) {
    Federation fed = federation.forRun();
    return new Run(fed, newSimulation(fed, listener, wallSeconds));
  }

  /** A fresh simulation over {@code fed}, starting from the zero model. */
  public Simulation newSimulation(
      Federation fed, RunListener listener, DoubleSupplier wallSeconds) {
    Simulation sim =
        new Simulation(
            fed,
            clientWeights,
            algorithms.get(),
            systems.get(),
            engine,
            new double[fed.modelDim()],
            listener,
            wallSeconds);
    if (optimum != null) {
      sim.setOptimum(optimum);
    }
    return sim;
  }
}
