package org.decentsim.proto.codec;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.decentsim.proto.protocol.Vector;

/**
 * Encodes {@link Vector}s as the {@code decentsim.Vector} wire message: dense vectors as packed
 * little-endian doubles.
 */
public final class VectorCodec {
  private VectorCodec() {}

  /** Encodes {@code v} (not modified) as a wire message. */
  public static org.decentsim.proto.wire.Vector encode(Vector v) {
    ByteBuffer buf = ByteBuffer.allocate(8 * v.dim()).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(v.readOnlyArray());
    return org.decentsim.proto.wire.Vector.newBuilder()
        .setDim(v.dim())
        .setDense(UnsafeByteOperations.unsafeWrap(buf.array())) // fresh, never written again
        .build();
  }

  /**
   * Decodes a wire vector.
   *
   * @throws IllegalArgumentException if the byte length does not match the declared dimension
   */
  public static Vector decode(org.decentsim.proto.wire.Vector w) {
    int dim = w.getDim();
    if (dim < 0 || w.getDense().size() != 8L * dim) {
      throw new IllegalArgumentException(
          "malformed dense vector: dim " + dim + " but " + w.getDense().size() + " bytes");
    }
    double[] out = new double[dim];
    DoubleBuffer db =
        w.getDense().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    db.get(out);
    return Vector.wrap(out);
  }

  /**
   * Size in bytes of a dense vector of dimension {@code dim} on the wire, as a message field (tag +
   * length prefix + body). Equals {@code encode(v).getSerializedSize()} plus the field header; see
   * the codec test.
   */
  public static int denseFieldBytes(int fieldNumber, int dim) {
    int body = denseMessageBytes(dim);
    return CodedOutputStream.computeTagSize(fieldNumber)
        + CodedOutputStream.computeUInt32SizeNoTag(body)
        + body;
  }

  /** Serialized size in bytes of the {@code decentsim.Vector} message for a dense vector. */
  public static int denseMessageBytes(int dim) {
    int size = 0;
    if (dim != 0) {
      size += CodedOutputStream.computeInt32Size(1, dim);
      size += CodedOutputStream.computeTagSize(2);
      size += CodedOutputStream.computeUInt32SizeNoTag(8 * dim);
      size += 8 * dim;
    }
    return size;
  }
}
