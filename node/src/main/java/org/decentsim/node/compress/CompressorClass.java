package org.decentsim.node.compress;

/**
 * What a compressor guarantees (ALGORITHMS.md §7): unbiased with variance parameter {@code omega}
 * ({@code E C(x) = x}, {@code E||C(x) - x||^2 <= omega ||x||^2}), contractive with {@code delta}
 * ({@code E||C(x) - x||^2 <= (1 - delta) ||x||^2}), or biased with a data-dependent contraction
 * that is only measured.
 */
public record CompressorClass(Type type, double omega, double delta) {
  /** The kind of guarantee. */
  public enum Type {
    UNBIASED,
    CONTRACTIVE,
    DATA_DEPENDENT
  }

  /** An unbiased compressor with variance parameter {@code omega}. */
  public static CompressorClass unbiased(double omega) {
    return new CompressorClass(Type.UNBIASED, omega, Double.NaN);
  }

  /** A contractive compressor with parameter {@code delta}. */
  public static CompressorClass contractive(double delta) {
    return new CompressorClass(Type.CONTRACTIVE, Double.NaN, delta);
  }

  /** A biased compressor whose contraction depends on the data. */
  public static CompressorClass dataDependent() {
    return new CompressorClass(Type.DATA_DEPENDENT, Double.NaN, Double.NaN);
  }

  @Override
  public String toString() {
    return switch (type) {
      case UNBIASED -> "unbiased, omega = " + omega;
      case CONTRACTIVE -> "contractive, delta = " + delta;
      case DATA_DEPENDENT -> "biased, data-dependent contraction";
    };
  }
}
