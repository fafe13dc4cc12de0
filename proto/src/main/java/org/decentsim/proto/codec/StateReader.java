package org.decentsim.proto.codec;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * Reads what a {@link StateWriter} wrote, in the same order. Malformed input raises {@link
 * IllegalStateException} with a message naming what could not be read.
 */
public final class StateReader {
  private final CodedInputStream in;

  public StateReader(byte[] bytes) {
    this.in = CodedInputStream.newInstance(bytes);
  }

  private IllegalStateException bad(IOException e) {
    return new IllegalStateException("corrupt checkpoint state: " + e.getMessage(), e);
  }

  public long readLong() {
    try {
      return in.readInt64();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  public int readInt() {
    try {
      return in.readInt32();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  public boolean readBool() {
    return readInt() != 0;
  }

  public double readDouble() {
    try {
      return in.readDouble();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  public String readString() {
    try {
      return in.readString();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  public String readNullableString() {
    return readBool() ? readString() : null;
  }

  private int length() {
    int n = readInt();
    if (n < 0) {
      throw new IllegalStateException("corrupt checkpoint state: negative length " + n);
    }
    return n;
  }

  public double[] readDoubles() {
    double[] v = new double[length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readDouble();
    }
    return v;
  }

  /** Reads an array written by {@link StateWriter#writeNullableDoubles}. */
  public double[] readNullableDoubles() {
    return readBool() ? readDoubles() : null;
  }

  public long[] readLongs() {
    long[] v = new long[length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readLong();
    }
    return v;
  }

  public int[] readInts() {
    int[] v = new int[length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readInt();
    }
    return v;
  }

  public byte[] readBytes() {
    try {
      return in.readByteArray();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  /** Reads a nullable payload. */
  public Payload readPayload() {
    if (!readBool()) {
      return null;
    }
    try {
      return PayloadCodec.fromWire(org.decentsim.proto.wire.Payload.parseFrom(readBytes()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "corrupt checkpoint state: bad payload: " + e.getMessage(), e);
    }
  }

  /** Reads a nullable vector. */
  public Vector readVector() {
    return readBool() ? Vector.wrap(readDoubles()) : null;
  }

  /** Reads {@code dst.length} doubles written by {@link StateWriter#writeDoubles} into dst. */
  public void readDoublesInto(double[] dst) {
    double[] v = readDoubles();
    if (v.length != dst.length) {
      throw new IllegalStateException(
          "corrupt checkpoint state: " + v.length + " values, expected " + dst.length);
    }
    System.arraycopy(v, 0, dst, 0, v.length);
  }

  /** True when everything has been read. */
  public boolean isAtEnd() {
    try {
      return in.isAtEnd();
    } catch (IOException e) {
      throw bad(e);
    }
  }
}
