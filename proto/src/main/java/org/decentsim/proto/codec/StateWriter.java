package org.decentsim.proto.codec;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * Writes simulation state for a checkpoint as a sequence of protobuf-encoded primitives (varints
 * and fixed 64-bit values); {@link StateReader} reads them back in the same order.
 */
public final class StateWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  public StateWriter writeLong(long v) {
    try {
      out.writeInt64NoTag(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public StateWriter writeInt(int v) {
    try {
      out.writeInt32NoTag(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public StateWriter writeBool(boolean v) {
    return writeInt(v ? 1 : 0);
  }

  public StateWriter writeDouble(double v) {
    try {
      out.writeDoubleNoTag(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public StateWriter writeString(String s) {
    try {
      out.writeStringNoTag(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a nullable string. */
  public StateWriter writeNullableString(String s) {
    writeBool(s != null);
    return s == null ? this : writeString(s);
  }

  public StateWriter writeDoubles(double[] v) {
    writeInt(v.length);
    for (double d : v) {
      writeDouble(d);
    }
    return this;
  }

  /** Writes a nullable array of doubles. */
  public StateWriter writeNullableDoubles(double[] v) {
    writeBool(v != null);
    return v == null ? this : writeDoubles(v);
  }

  public StateWriter writeLongs(long[] v) {
    writeInt(v.length);
    for (long d : v) {
      writeLong(d);
    }
    return this;
  }

  public StateWriter writeInts(int[] v) {
    writeInt(v.length);
    for (int d : v) {
      writeInt(d);
    }
    return this;
  }

  /** Writes a nullable vector. */
  public StateWriter writeVector(Vector v) {
    writeBool(v != null);
    return v == null ? this : writeDoubles(v.readOnlyArray());
  }

  public StateWriter writeBytes(byte[] v) {
    try {
      out.writeByteArrayNoTag(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a nullable payload as its wire message. */
  public StateWriter writePayload(Payload p) {
    writeBool(p != null);
    return p == null ? this : writeBytes(PayloadCodec.toWire(p).toByteArray());
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
