package org.decentsim.coordinator.system;

import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;

/** A positive random quantity (a speed or a noise factor). */
public sealed interface Distribution {
  double sample(Rng r);

  double mean();

  /** Always {@code value}. */
  record Constant(double value) implements Distribution {
    @Override
    public double sample(Rng r) {
      return value;
    }

    @Override
    public double mean() {
      return value;
    }
  }

  /** Uniform on {@code [min, max)}. */
  record Uniform(double min, double max) implements Distribution {
    @Override
    public double sample(Rng r) {
      return Draws.uniform(r, min, max);
    }

    @Override
    public double mean() {
      return (min + max) / 2;
    }
  }

  /** {@code min + Exp(mean - min)}. */
  record Exponential(double min, double meanValue) implements Distribution {
    @Override
    public double sample(Rng r) {
      return min + Draws.exponential(r, meanValue - min);
    }

    @Override
    public double mean() {
      return meanValue;
    }
  }

  /** {@code min + |N(0, sd^2)|}, FLSim's per-user duration model. */
  record HalfNormal(double min, double sd) implements Distribution {
    @Override
    public double sample(Rng r) {
      return min + Math.abs(sd * Draws.normal(r));
    }

    @Override
    public double mean() {
      return min + sd * StrictMath.sqrt(2 / StrictMath.PI);
    }
  }

  /** {@code exp(N(mu, sigma^2))}. */
  record LogNormal(double mu, double sigma) implements Distribution {
    @Override
    public double sample(Rng r) {
      return StrictMath.exp(mu + sigma * Draws.normal(r));
    }

    @Override
    public double mean() {
      return StrictMath.exp(mu + sigma * sigma / 2);
    }
  }
}
