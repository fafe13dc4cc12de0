package org.decentsim.coordinator.algorithm;

/**
 * Staleness weighting functions {@code s(u)} of an update that is {@code u} server steps old
 * (ALGORITHMS.md §6.1, §6.2).
 */
public sealed interface Staleness {
  double weight(long u);

  /** {@code s(u) = 1}. */
  record Constant() implements Staleness {
    @Override
    public double weight(long u) {
      return 1;
    }
  }

  /** {@code s(u) = (u + 1)^(-a)}. */
  record Polynomial(double a) implements Staleness {
    @Override
    public double weight(long u) {
      return StrictMath.pow(u + 1.0, -a);
    }
  }

  /** {@code s(u) = 1} if {@code u <= b}, else {@code 1 / (a (u - b) + 1)}. */
  record Hinge(double a, double b) implements Staleness {
    @Override
    public double weight(long u) {
      return u <= b ? 1 : 1 / (a * (u - b) + 1);
    }
  }

  /** FLSim's threshold: 1 up to {@code cutoff}, then {@code after}. */
  record Threshold(long cutoff, double after) implements Staleness {
    @Override
    public double weight(long u) {
      return u <= cutoff ? 1 : after;
    }
  }
}
