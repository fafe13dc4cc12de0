package org.decentsim.proto.protocol;

import com.google.protobuf.CodedOutputStream;
import java.util.Arrays;

/**
 * A compressed message: the in-memory form of the {@code decentsim.Payload} wire message. A
 * compressor fills it with one of the {@code set...} methods, which reuse the arrays once they are
 * large enough, so a payload kept per client costs no allocation per message.
 *
 * <p>{@link #encodedBytes()} is the exact serialized size of the wire message (a test holds it
 * equal to {@code PayloadCodec.toWire(p).getSerializedSize()} for every compressor), computed
 * without encoding. {@link #decodeInto} reconstructs the vector the receiver sees.
 *
 * <p>Ownership: a payload is written by one thread (the worker's), handed over with the message,
 * and read by the receiver before the sender writes it again; it is not thread-safe.
 */
public final class Payload {
  /** Which body the message carries. */
  public enum Kind {
    /** No body: the zero vector. */
    ZERO,
    DENSE,
    SPARSE,
    QUANTIZED,
    LOW_RANK
  }

  /** How a quantized code maps to a value (see decentsim.proto). */
  public enum Scheme {
    QSGD,
    NATURAL_DITHERING,
    NATURAL,
    SIGN
  }

  private Kind kind = Kind.ZERO;
  private int dim;
  private boolean float32;
  // dense: count = dim values; sparse: count values at indices[0..count)
  private double[] values = new double[0];
  private int[] indices = new int[0];
  private int count;
  // quantized
  private Scheme scheme = Scheme.QSGD;
  private double norm;
  private int levels;
  private int maxExponent;
  private int bitsPerEntry;
  private byte[] packed = new byte[0];
  private int packedLength;
  // low rank: p is rows x rank, q is cols x rank, row-major
  private int rows;
  private int cols;
  private int rank;
  private double[] p = new double[0];
  private double[] q = new double[0];

  public Kind kind() {
    return kind;
  }

  public int dim() {
    return dim;
  }

  /** True when values travel as 4-byte floats (they are then already rounded to float). */
  public boolean float32() {
    return float32;
  }

  /** Entries stored: {@code dim} for dense, the nonzeros for sparse. */
  public int count() {
    return count;
  }

  /** Value storage (length at least {@link #count()}); writable while filling. */
  public double[] values() {
    return values;
  }

  /**
   * Index storage of a sparse payload (length at least {@link #count()}); writable while filling.
   */
  public int[] indices() {
    return indices;
  }

  public Scheme scheme() {
    return scheme;
  }

  public double norm() {
    return norm;
  }

  public int levels() {
    return levels;
  }

  public int maxExponent() {
    return maxExponent;
  }

  public int bitsPerEntry() {
    return bitsPerEntry;
  }

  /** Packed code storage (length at least {@link #packedLength()}); writable while filling. */
  public byte[] packed() {
    return packed;
  }

  public int packedLength() {
    return packedLength;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int rank() {
    return rank;
  }

  /** The left factor, rows x rank row-major; writable while filling. */
  public double[] p() {
    return p;
  }

  /** The right factor, cols x rank row-major; writable while filling. */
  public double[] q() {
    return q;
  }

  /** Makes this the zero vector of dimension {@code dim} (no body). */
  public Payload setZero(int dim) {
    this.kind = Kind.ZERO;
    this.dim = dim;
    this.count = 0;
    return this;
  }

  /** Makes this a dense payload; fill {@link #values()}{@code [0, dim)}, then {@link #seal()}. */
  public Payload setDense(int dim, boolean float32) {
    this.kind = Kind.DENSE;
    this.dim = dim;
    this.float32 = float32;
    this.count = dim;
    if (values.length < dim) {
      values = new double[dim];
    }
    return this;
  }

  /**
   * Makes this a sparse payload of {@code count} entries; fill {@link #indices()} (strictly
   * increasing, in {@code [0, dim)}) and {@link #values()}, then {@link #seal()}.
   */
  public Payload setSparse(int dim, int count, boolean float32) {
    this.kind = Kind.SPARSE;
    this.dim = dim;
    this.float32 = float32;
    this.count = count;
    if (values.length < count) {
      values = new double[count];
    }
    if (indices.length < count) {
      indices = new int[count];
    }
    return this;
  }

  /**
   * Makes this a quantized payload with {@code bitsPerEntry} bits per coordinate; the packed codes
   * start cleared. Fill them with {@link #putCode}.
   */
  public Payload setQuantized(
      int dim, Scheme scheme, double norm, int levels, int maxExponent, int bitsPerEntry) {
    this.kind = Kind.QUANTIZED;
    this.dim = dim;
    this.scheme = scheme;
    this.norm = norm;
    this.levels = levels;
    this.maxExponent = maxExponent;
    this.bitsPerEntry = bitsPerEntry;
    this.count = 0;
    long bits = (long) dim * bitsPerEntry;
    int bytes = (int) ((bits + 7) / 8);
    if (packed.length < bytes) {
      packed = new byte[bytes];
    } else {
      Arrays.fill(packed, 0, bytes, (byte) 0);
    }
    this.packedLength = bytes;
    return this;
  }

  /**
   * Makes this a low-rank payload {@code P Q^T} (rows x cols, rank r); fill {@link #p()} and {@link
   * #q()}, then {@link #seal()}.
   */
  public Payload setLowRank(int dim, int rows, int cols, int rank, boolean float32) {
    if ((long) rows * cols < dim) {
      throw new IllegalArgumentException(rows + " x " + cols + " cannot hold dimension " + dim);
    }
    this.kind = Kind.LOW_RANK;
    this.dim = dim;
    this.float32 = float32;
    this.rows = rows;
    this.cols = cols;
    this.rank = rank;
    this.count = 0;
    if (p.length < rows * rank) {
      p = new double[rows * rank];
    }
    if (q.length < cols * rank) {
      q = new double[cols * rank];
    }
    return this;
  }

  /**
   * Writes code {@code c} of coordinate {@code j} (its {@link #bitsPerEntry()} low bits), least
   * significant bit first; a code spans at most three bytes (16 bits starting anywhere in a byte).
   */
  public void putCode(int j, int c) {
    long bit = (long) j * bitsPerEntry;
    int at = (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int v = (c & ((1 << bitsPerEntry) - 1)) << shift;
    packed[at] |= (byte) v;
    if (shift + bitsPerEntry > 8) {
      packed[at + 1] |= (byte) (v >>> 8);
      if (shift + bitsPerEntry > 16) {
        packed[at + 2] |= (byte) (v >>> 16);
      }
    }
  }

  /** Reads the code of coordinate {@code j}. */
  public int code(int j) {
    long bit = (long) j * bitsPerEntry;
    int at = (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int v = packed[at] & 0xff;
    if (shift + bitsPerEntry > 8) {
      v |= (packed[at + 1] & 0xff) << 8;
      if (shift + bitsPerEntry > 16) {
        v |= (packed[at + 2] & 0xff) << 16;
      }
    }
    return (v >>> shift) & ((1 << bitsPerEntry) - 1);
  }

  /**
   * Rounds the stored values to float when the payload travels as float32, so that what the sender
   * keeps equals what the receiver decodes. Call after filling dense, sparse or low-rank values.
   */
  public Payload seal() {
    if (float32) {
      switch (kind) {
        case DENSE, SPARSE -> roundToFloat(values, count);
        case LOW_RANK -> {
          roundToFloat(p, rows * rank);
          roundToFloat(q, cols * rank);
        }
        default -> {}
      }
    }
    return this;
  }

  private static void roundToFloat(double[] v, int n) {
    for (int i = 0; i < n; i++) {
      v[i] = (float) v[i];
    }
  }

  /** Writes the vector this payload stands for into {@code out[0, dim)} (overwritten). */
  public void decodeInto(double[] out) {
    if (out.length < dim) {
      throw new IllegalArgumentException("output of length " + out.length + " < dim " + dim);
    }
    switch (kind) {
      case ZERO -> Arrays.fill(out, 0, dim, 0.0);
      case DENSE -> System.arraycopy(values, 0, out, 0, dim);
      case SPARSE -> {
        Arrays.fill(out, 0, dim, 0.0);
        for (int i = 0; i < count; i++) {
          out[indices[i]] = values[i];
        }
      }
      case QUANTIZED -> {
        for (int j = 0; j < dim; j++) {
          out[j] = quantizedValue(code(j));
        }
      }
      case LOW_RANK -> {
        for (int j = 0; j < dim; j++) {
          int row = j / cols;
          int col = j - row * cols;
          double s = 0;
          for (int k = 0; k < rank; k++) {
            s += p[row * rank + k] * q[col * rank + k];
          }
          out[j] = s;
        }
      }
    }
  }

  /** The value a quantized code stands for. */
  public double quantizedValue(int c) {
    return switch (scheme) {
      case SIGN -> (c & 1) != 0 ? -norm : norm;
      case QSGD -> {
        int l = c >>> 1;
        double v = norm * l / levels;
        yield (c & 1) != 0 ? -v : v;
      }
      case NATURAL_DITHERING -> {
        int l = c >>> 1;
        double v = l == 0 ? 0 : norm * StrictMath.scalb(1.0, l - levels);
        yield (c & 1) != 0 ? -v : v;
      }
      case NATURAL -> {
        int e = c >>> 1;
        double v = e == 0 ? 0 : StrictMath.scalb(1.0, maxExponent - (e - 1));
        yield (c & 1) != 0 ? -v : v;
      }
    };
  }

  /** Exact serialized size of the {@code decentsim.Payload} wire message, in bytes. */
  public int encodedBytes() {
    int size = dim != 0 ? CodedOutputStream.computeInt32Size(1, dim) : 0;
    int body =
        switch (kind) {
          case ZERO -> -1;
          case DENSE -> bytesField(float32 ? 2 : 1, dim * (float32 ? 4 : 8));
          case SPARSE -> {
            int w = float32 ? 4 : 8;
            yield bytesField(1, gapBytes()) + bytesField(float32 ? 3 : 2, count * w);
          }
          case QUANTIZED -> {
            int s = 0;
            if (scheme != Scheme.QSGD) {
              s += CodedOutputStream.computeEnumSize(1, scheme.ordinal());
            }
            if (Double.doubleToRawLongBits(norm) != 0) {
              s += CodedOutputStream.computeDoubleSize(2, norm);
            }
            if (levels != 0) {
              s += CodedOutputStream.computeInt32Size(3, levels);
            }
            if (maxExponent != 0) {
              s += CodedOutputStream.computeInt32Size(4, maxExponent);
            }
            if (bitsPerEntry != 0) {
              s += CodedOutputStream.computeInt32Size(5, bitsPerEntry);
            }
            yield s + bytesField(6, packedLength);
          }
          case LOW_RANK -> {
            int w = float32 ? 4 : 8;
            int s = 0;
            s += rows != 0 ? CodedOutputStream.computeInt32Size(1, rows) : 0;
            s += cols != 0 ? CodedOutputStream.computeInt32Size(2, cols) : 0;
            s += rank != 0 ? CodedOutputStream.computeInt32Size(3, rank) : 0;
            s += bytesField(float32 ? 6 : 4, rows * rank * w);
            s += bytesField(float32 ? 7 : 5, cols * rank * w);
            yield s;
          }
        };
    if (body >= 0) {
      int field = kind.ordinal() + 1; // DENSE = 2, SPARSE = 3, QUANTIZED = 4, LOW_RANK = 5
      size +=
          CodedOutputStream.computeTagSize(field)
              + CodedOutputStream.computeUInt32SizeNoTag(body)
              + body;
    }
    return size;
  }

  /** Bits on the wire: exactly 8 x {@link #encodedBytes()}. */
  public long bits() {
    return 8L * encodedBytes();
  }

  /** Bytes of the delta-varint index list of a sparse payload. */
  public int gapBytes() {
    int s = 0;
    int prev = 0;
    for (int i = 0; i < count; i++) {
      s += CodedOutputStream.computeUInt32SizeNoTag(indices[i] - prev);
      prev = indices[i];
    }
    return s;
  }

  /** Size of a proto3 {@code bytes} field of {@code n} bytes (omitted when empty). */
  private static int bytesField(int field, int n) {
    return n == 0
        ? 0
        : CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(n) + n;
  }

  /** A deep copy (for snapshots and checkpoints). */
  public Payload copy() {
    Payload c = new Payload();
    c.kind = kind;
    c.dim = dim;
    c.float32 = float32;
    c.values = Arrays.copyOf(values, count);
    c.indices = Arrays.copyOf(indices, kind == Kind.SPARSE ? count : 0);
    c.count = count;
    c.scheme = scheme;
    c.norm = norm;
    c.levels = levels;
    c.maxExponent = maxExponent;
    c.bitsPerEntry = bitsPerEntry;
    c.packed = Arrays.copyOf(packed, packedLength);
    c.packedLength = packedLength;
    c.rows = rows;
    c.cols = cols;
    c.rank = rank;
    c.p = Arrays.copyOf(p, kind == Kind.LOW_RANK ? rows * rank : 0);
    c.q = Arrays.copyOf(q, kind == Kind.LOW_RANK ? cols * rank : 0);
    return c;
  }

  /** Equal when both encode the same wire message. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Payload other)
        || kind != other.kind
        || dim != other.dim
        || encodedBytes() != other.encodedBytes()) {
      return false;
    }
    return switch (kind) {
      case ZERO -> true;
      case DENSE, SPARSE ->
          float32 == other.float32
              && Arrays.equals(values, 0, count, other.values, 0, other.count)
              && (kind == Kind.DENSE
                  || Arrays.equals(indices, 0, count, other.indices, 0, other.count));
      case QUANTIZED ->
          scheme == other.scheme
              && Double.compare(norm, other.norm) == 0
              && levels == other.levels
              && maxExponent == other.maxExponent
              && bitsPerEntry == other.bitsPerEntry
              && Arrays.equals(packed, 0, packedLength, other.packed, 0, other.packedLength);
      case LOW_RANK ->
          float32 == other.float32
              && rows == other.rows
              && cols == other.cols
              && rank == other.rank
              && Arrays.equals(p, 0, rows * rank, other.p, 0, other.rows * other.rank)
              && Arrays.equals(q, 0, cols * rank, other.q, 0, other.cols * other.rank);
    };
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + dim) + encodedBytes();
  }

  @Override
  public String toString() {
    return "Payload[" + kind + ", dim=" + dim + ", bytes=" + encodedBytes() + "]";
  }
}
