/**
 * Communication compression (ALGORITHMS.md §7) and error feedback (§3, §4): compressors that encode
 * a vector into a {@link org.decentsim.proto.protocol.Payload}, the per-client error-feedback state
 * a worker keeps, and the mirrored state the receiver keeps to decode. Plain Java, no Akka; every
 * random draw comes from the client's own {@code ("compressor", i)} stream.
 */
package org.decentsim.node.compress;
