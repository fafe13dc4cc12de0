package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.protocol.Vector;

/**
 * A client's update as an algorithm sees it, delivered in {@code (time, seq)} order.
 *
 * @param sent the model snapshot the client started from (version {@code versionSent})
 * @param delta local model after training minus {@code sent}; with a compressed uplink, the
 *     receiver's estimate of it (decoded message plus error-feedback state), in a buffer the engine
 *     reuses: read it during {@code onUpdate}, never keep it
 * @param staleness server steps since the model was sent: {@code version at arrival - versionSent}
 * @param samples training rows the client processed
 * @param tag the tag of a job sent with {@link AlgorithmContext#dispatchCarrying}, else -1
 */
public record ClientUpdate(
    int client,
    long versionSent,
    Vector sent,
    Vector delta,
    int localSteps,
    long samples,
    long staleness,
    int tag) {}
