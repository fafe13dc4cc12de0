package org.decentsim.coordinator.engine;

import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * One unit of client work: run {@code localSteps} steps of client {@code client} on {@code model},
 * or, with a compressed downlink, on the model the client decodes from {@code modelPayload} (then
 * {@code model} is null). {@code due} is the virtual time of its COMPUTED event, when the engine
 * needs the result.
 */
public record Job(
    int client,
    long seq,
    long modelVersion,
    double due,
    Vector model,
    Payload modelPayload,
    int localSteps) {}
