package org.decentsim.proto.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.wire.DenseValues;
import org.decentsim.proto.wire.LowRankValues;
import org.decentsim.proto.wire.QuantizedValues;
import org.decentsim.proto.wire.SparseValues;

/**
 * Converts {@link Payload}s to and from the {@code decentsim.Payload} wire message. Decoding
 * validates everything a malformed frame could get wrong (lengths, index order and range, code
 * widths) and throws {@link IllegalArgumentException} naming the problem.
 */
public final class PayloadCodec {
  private PayloadCodec() {}

  /** Encodes {@code p} (not modified). */
  public static org.decentsim.proto.wire.Payload toWire(Payload p) {
    org.decentsim.proto.wire.Payload.Builder b =
        org.decentsim.proto.wire.Payload.newBuilder().setDim(p.dim());
    switch (p.kind()) {
      case ZERO -> {}
      case DENSE -> {
        ByteString v = values(p.values(), 0, p.dim(), p.float32());
        DenseValues.Builder d = DenseValues.newBuilder();
        b.setDense(p.float32() ? d.setF32(v) : d.setF64(v));
      }
      case SPARSE -> {
        byte[] gaps = new byte[p.gapBytes()];
        CodedOutputStream out = CodedOutputStream.newInstance(gaps);
        try {
          int prev = 0;
          for (int i = 0; i < p.count(); i++) {
            out.writeUInt32NoTag(p.indices()[i] - prev);
            prev = p.indices()[i];
          }
          out.checkNoSpaceLeft();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        ByteString v = values(p.values(), 0, p.count(), p.float32());
        SparseValues.Builder s = SparseValues.newBuilder().setIndexGaps(ByteString.copyFrom(gaps));
        b.setSparse(p.float32() ? s.setF32(v) : s.setF64(v));
      }
      case QUANTIZED ->
          b.setQuantized(
              QuantizedValues.newBuilder()
                  .setSchemeValue(p.scheme().ordinal())
                  .setNorm(p.norm())
                  .setLevels(p.levels())
                  .setMaxExponent(p.maxExponent())
                  .setBitsPerEntry(p.bitsPerEntry())
                  .setPacked(ByteString.copyFrom(p.packed(), 0, p.packedLength())));
      case LOW_RANK -> {
        ByteString pv = values(p.p(), 0, p.rows() * p.rank(), p.float32());
        ByteString qv = values(p.q(), 0, p.cols() * p.rank(), p.float32());
        LowRankValues.Builder l =
            LowRankValues.newBuilder().setRows(p.rows()).setCols(p.cols()).setRank(p.rank());
        b.setLowRank(p.float32() ? l.setPF32(pv).setQF32(qv) : l.setPF64(pv).setQF64(qv));
      }
    }
    return b.build();
  }

  /** Decodes a wire payload into a new {@link Payload}. */
  public static Payload fromWire(org.decentsim.proto.wire.Payload w) {
    int dim = w.getDim();
    if (dim < 0) {
      throw new IllegalArgumentException("negative payload dimension " + dim);
    }
    Payload p = new Payload();
    switch (w.getBodyCase()) {
      case BODY_NOT_SET -> p.setZero(dim);
      case DENSE -> {
        DenseValues d = w.getDense();
        boolean f32 = checkOneOf(d.getF64(), d.getF32(), dim, "dense");
        p.setDense(dim, f32);
        readValues(f32 ? d.getF32() : d.getF64(), f32, p.values(), dim, "dense");
      }
      case SPARSE -> {
        SparseValues s = w.getSparse();
        boolean f32 = s.getF64().isEmpty() && !s.getF32().isEmpty();
        ByteString v = f32 ? s.getF32() : s.getF64();
        int width = f32 ? 4 : 8;
        if (v.size() % width != 0 || (!s.getF64().isEmpty() && !s.getF32().isEmpty())) {
          throw new IllegalArgumentException("sparse payload values are malformed");
        }
        int count = v.size() / width;
        if (count > dim) {
          throw new IllegalArgumentException(count + " sparse entries for dimension " + dim);
        }
        p.setSparse(dim, count, f32);
        readValues(v, f32, p.values(), count, "sparse");
        CodedInputStream in = s.getIndexGaps().newCodedInput();
        try {
          long idx = 0;
          for (int i = 0; i < count; i++) {
            long gap = in.readUInt32() & 0xffffffffL;
            if (i > 0 && gap == 0) {
              throw new IllegalArgumentException("sparse indices are not strictly increasing");
            }
            idx += gap;
            if (idx >= dim) {
              throw new IllegalArgumentException("sparse index " + idx + " >= dimension " + dim);
            }
            p.indices()[i] = (int) idx;
          }
          if (!in.isAtEnd()) {
            throw new IllegalArgumentException("sparse payload has more indices than values");
          }
        } catch (IOException e) {
          throw new IllegalArgumentException("sparse payload indices are truncated", e);
        }
      }
      case QUANTIZED -> {
        QuantizedValues q = w.getQuantized();
        if (q.getScheme() == QuantizedValues.Scheme.UNRECOGNIZED) {
          throw new IllegalArgumentException("unknown quantization scheme " + q.getSchemeValue());
        }
        int bits = q.getBitsPerEntry();
        if (bits < 1 || bits > 16) {
          throw new IllegalArgumentException("bits per entry " + bits + " is out of [1, 16]");
        }
        Payload.Scheme scheme = Payload.Scheme.values()[q.getSchemeValue()];
        p.setQuantized(dim, scheme, q.getNorm(), q.getLevels(), q.getMaxExponent(), bits);
        if (q.getPacked().size() != p.packedLength()) {
          throw new IllegalArgumentException(
              "quantized payload has "
                  + q.getPacked().size()
                  + " bytes, expected "
                  + p.packedLength());
        }
        if ((scheme == Payload.Scheme.QSGD || scheme == Payload.Scheme.NATURAL_DITHERING)
            && q.getLevels() < 1) {
          throw new IllegalArgumentException("quantized payload needs levels >= 1");
        }
        q.getPacked().copyTo(p.packed(), 0);
      }
      case LOW_RANK -> {
        LowRankValues l = w.getLowRank();
        int rows = l.getRows();
        int cols = l.getCols();
        int rank = l.getRank();
        if (rows < 0 || cols < 0 || rank < 0 || (long) rows * cols < dim) {
          throw new IllegalArgumentException(
              "low-rank payload " + rows + " x " + cols + " (rank " + rank + ") for dim " + dim);
        }
        boolean f32 = checkOneOf(l.getPF64(), l.getPF32(), rows * rank, "low-rank P");
        checkOneOf(l.getQF64(), l.getQF32(), cols * rank, "low-rank Q");
        p.setLowRank(dim, rows, cols, rank, f32);
        readValues(f32 ? l.getPF32() : l.getPF64(), f32, p.p(), rows * rank, "low-rank P");
        readValues(f32 ? l.getQF32() : l.getQF64(), f32, p.q(), cols * rank, "low-rank Q");
      }
    }
    return p;
  }

  private static boolean checkOneOf(ByteString f64, ByteString f32, int n, String what) {
    if (n == 0) {
      return false;
    }
    if (!f64.isEmpty() && !f32.isEmpty()) {
      throw new IllegalArgumentException(what + " payload sets both f64 and f32 values");
    }
    return f64.isEmpty() && !f32.isEmpty();
  }

  private static ByteString values(double[] v, int from, int n, boolean f32) {
    ByteBuffer buf = ByteBuffer.allocate(n * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < from + n; i++) {
      if (f32) {
        buf.putFloat((float) v[i]);
      } else {
        buf.putDouble(v[i]);
      }
    }
    return UnsafeByteOperations.unsafeWrap(buf.array()); // a fresh array, never written again
  }

  private static void readValues(ByteString bytes, boolean f32, double[] out, int n, String what) {
    int width = f32 ? 4 : 8;
    if (bytes.size() != (long) n * width) {
      throw new IllegalArgumentException(
          what + " payload has " + bytes.size() + " bytes of values, expected " + n * width);
    }
    ByteBuffer buf = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out[i] = f32 ? buf.getFloat() : buf.getDouble();
    }
  }
}
