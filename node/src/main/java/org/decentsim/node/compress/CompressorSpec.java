package org.decentsim.node.compress;

import java.util.Locale;

/**
 * Which compressor to build and its parameters, as a scenario states them.
 *
 * @param kFraction top-k / rand-k: k = max(1, round(kFraction * d)), unless {@code k > 0}
 * @param k top-k / rand-k: an explicit k (0 = use kFraction)
 * @param probability bernoulli: the probability p of sending
 * @param levels qsgd / natural-dithering: s
 * @param rank powersgd: r
 * @param rows powersgd: rows of the matrix shape (0 = ceil(sqrt d))
 * @param cols powersgd: columns (0 = ceil(d / rows))
 * @param float32 values travel as 4-byte floats instead of 8-byte doubles
 */
public record CompressorSpec(
    Kind kind,
    double kFraction,
    int k,
    double probability,
    int levels,
    int rank,
    int rows,
    int cols,
    boolean float32) {

  /** The compressors, by scenario name. */
  public enum Kind {
    IDENTITY,
    TOP_K,
    RAND_K,
    RAND_K_UNSCALED,
    BERNOULLI,
    QSGD,
    NATURAL_DITHERING,
    NATURAL,
    SIGN,
    POWERSGD;

    /** The scenario name, e.g. {@code rand-k-unscaled}. */
    public String scenarioName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** No compression: dense doubles. */
  public static CompressorSpec identity() {
    return new CompressorSpec(Kind.IDENTITY, 1, 0, 1, 1, 1, 0, 0, false);
  }

  /** The k of top-k / rand-k for dimension {@code dim}. */
  public int kFor(int dim) {
    if (k > 0) {
      return Math.min(k, dim);
    }
    return (int) Math.max(1, Math.min(dim, Math.round(kFraction * dim)));
  }

  /** A new compressor for vectors of dimension {@code dim} (one per thread). */
  public Compressor create(int dim) {
    return switch (kind) {
      case IDENTITY -> new Identity(dim, float32);
      case TOP_K -> new TopK(dim, kFor(dim), float32);
      case RAND_K -> new RandK(dim, kFor(dim), true, float32);
      case RAND_K_UNSCALED -> new RandK(dim, kFor(dim), false, float32);
      case BERNOULLI -> new Bernoulli(dim, probability, float32);
      case QSGD -> new Qsgd(dim, levels);
      case NATURAL_DITHERING -> new NaturalDithering(dim, levels);
      case NATURAL -> new NaturalCompression(dim);
      case SIGN -> new ScaledSign(dim);
      case POWERSGD -> new PowerSgd(dim, rank, rows, cols, float32);
    };
  }
}
