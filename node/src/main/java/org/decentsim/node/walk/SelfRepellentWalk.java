package org.decentsim.node.walk;

import org.decentsim.node.math.PortableMath;

/**
 * The self-repellent kernel SRRW(alpha) over a base chain (Doshi, Hu and Eun 2023; ALGORITHMS.md
 * §2.3): {@code K_ij[x] = P_ij (x_j / mu_j)^(-alpha) / sum_k P_ik (x_k / mu_k)^(-alpha)}. Nodes
 * visited more than their target share become less likely.
 *
 * <p>Implementation notes: the factors are computed in log space relative to the smallest {@code
 * log(x_j / mu_j)} of the row, so the largest factor is exactly 1 and nothing overflows for large
 * alpha. With {@code alpha = 0}, or {@code x = mu}, every factor is exactly 1: the weights are the
 * base chain's, bit for bit, so the same draws give the same path. The sampler does not normalise
 * (see {@link TransitionKernel#next}).
 */
public final class SelfRepellentWalk implements TransitionKernel {
  private final TransitionKernel base;
  private final double alpha;
  private final EmpiricalMeasure x;

  public SelfRepellentWalk(TransitionKernel base, double alpha, EmpiricalMeasure x) {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
    }
    this.base = base;
    this.alpha = alpha;
    this.x = x;
  }

  @Override
  public int row(int current, int previous, int[] support, double[] weights) {
    int n = base.row(current, previous, support, weights);
    if (alpha == 0) {
      return n;
    }
    double min = Double.POSITIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      min = Math.min(min, logRatio(support[k]));
    }
    for (int k = 0; k < n; k++) {
      double r = logRatio(support[k]) - min;
      if (r != 0) {
        weights[k] *= StrictMath.exp(-alpha * r);
      }
    }
    return n;
  }

  private double logRatio(int j) {
    return PortableMath.log(x.get(j)) - PortableMath.log(base.stationary(j));
  }

  @Override
  public double stationary(int i) {
    return base.stationary(i);
  }

  @Override
  public int nodes() {
    return base.nodes();
  }

  @Override
  public int maxRow() {
    return base.maxRow();
  }
}
