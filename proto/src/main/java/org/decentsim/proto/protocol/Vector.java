package org.decentsim.proto.protocol;

import java.util.Arrays;

/**
 * An immutable vector of doubles carried inside protocol messages (a model snapshot or an update).
 *
 * <p>Ownership contract: {@link #wrap(double[])} takes the array without copying, and the caller
 * must never write to it afterwards. This keeps the hot path free of copies; {@link #copyOf} exists
 * for callers that cannot promise that.
 */
public final class Vector {
  private final double[] values;

  private Vector(double[] values) {
    this.values = values;
  }

  /** Wraps {@code values} without copying; the caller gives up the right to modify it. */
  public static Vector wrap(double[] values) {
    return new Vector(values);
  }

  /** Copies {@code values} (not modified). */
  public static Vector copyOf(double[] values) {
    return new Vector(values.clone());
  }

  public int dim() {
    return values.length;
  }

  public double get(int i) {
    return values[i];
  }

  /**
   * The backing array, for read-only use on hot paths. Writing to it breaks the contract of every
   * holder of this vector.
   */
  public double[] readOnlyArray() {
    return values;
  }

  /** Copies the values into {@code out} (modified), which must have length {@link #dim()}. */
  public void copyInto(double[] out) {
    System.arraycopy(values, 0, out, 0, values.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vector v && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return values.length <= 8
        ? "Vector" + Arrays.toString(values)
        : "Vector[dim=" + values.length + ", hash=" + Integer.toHexString(hashCode()) + "]";
  }
}
