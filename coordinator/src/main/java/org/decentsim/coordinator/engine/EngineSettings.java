package org.decentsim.coordinator.engine;

/**
 * The engine's settings.
 *
 * @param stopVirtualTime stop at this virtual time (seconds); infinity for none
 * @param maxEvents stop after this many events; 0 for none
 * @param maxRounds stop after this many server steps; 0 for none
 * @param targetLoss stop when the train loss is at most this; NaN for none
 * @param divergenceBound a train loss above this (or NaN/Inf) means divergence
 * @param evalInterval virtual seconds between evaluation points
 * @param concurrency jobs in flight for asynchronous algorithms; 0 for all clients
 * @param minLocalSteps fewest local steps per job
 * @param maxLocalSteps most local steps per job (drawn uniformly when above the minimum)
 * @param gradientNorm whether evaluation computes the gradient norm
 * @param maxBits stop once the bits sent in both directions reach this; 0 for none
 */
public record EngineSettings(
    double stopVirtualTime,
    long maxEvents,
    long maxRounds,
    double targetLoss,
    double divergenceBound,
    double evalInterval,
    int concurrency,
    int minLocalSteps,
    int maxLocalSteps,
    boolean gradientNorm,
    long maxBits) {}
