package org.decentsim.coordinator.engine;

import org.decentsim.proto.protocol.Vector;

/**
 * One unit of client work: run {@code localSteps} steps of client {@code client} on {@code model}.
 */
public record Job(int client, long seq, long modelVersion, Vector model, int localSteps) {}
