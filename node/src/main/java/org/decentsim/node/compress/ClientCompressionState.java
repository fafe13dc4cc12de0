package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.protocol.Payload;

/**
 * One client's sender-side state: its error-feedback vectors (allocated on first use, only those
 * the rule needs), the compressor's carried state, its random stream and the payload it reuses for
 * every message. The payload is handed to the receiver with the message and must be read before the
 * client's next message is encoded.
 */
public final class ClientCompressionState {
  final Rng rng;
  final Payload payload = new Payload();
  double[] error; // EF14, EControl, EC-Ideal: e_i
  double[] shift; // EF21 family: g_i; EF21-SGDM, EControl: h_i
  double[] momentum; // EF21-SGDM: v_i
  double[] compressorState;
  boolean started;

  public ClientCompressionState(Rng rng) {
    this.rng = rng;
  }

  /** The payload of the last message. */
  public Payload payload() {
    return payload;
  }

  /** The error {@code e_i} (null until the rule has used it). */
  public double[] error() {
    return error;
  }

  /** The shift {@code g_i} or {@code h_i} (null until the rule has used it). */
  public double[] shift() {
    return shift;
  }

  public void save(StateWriter w) {
    w.writeLong(rng.state()).writeBool(started);
    w.writeNullableDoubles(error);
    w.writeNullableDoubles(shift);
    w.writeNullableDoubles(momentum);
    w.writeNullableDoubles(compressorState);
  }

  public void restore(StateReader r) {
    rng.setState(r.readLong());
    started = r.readBool();
    error = r.readNullableDoubles();
    shift = r.readNullableDoubles();
    momentum = r.readNullableDoubles();
    compressorState = r.readNullableDoubles();
  }
}
