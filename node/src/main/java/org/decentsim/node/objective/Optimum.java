package org.decentsim.node.objective;

import java.util.function.Supplier;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.Partition;
import org.decentsim.node.vec.Vec;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A high-accuracy centralised solve of the federated objective {@code f(x) = sum_i p_i f_i(x)}: the
 * reference point {@code x*} for oracle baselines (EC-Ideal) and distance metrics.
 *
 * <p>Least squares is quadratic, so its Hessian is read off exactly as {@code H e_j = grad f(e_j) -
 * grad f(0)} and the normal equations are solved with EJML. Other objectives run Nesterov's
 * accelerated gradient descent with step {@code 1/L} ({@code L = max_i L_i}) and adaptive restarts
 * until {@code ||grad f||^2 <= tolerance}.
 */
public final class Optimum {
  private final Supplier<Objective> objectives;
  private final DataSet train;
  private final Partition partition;
  private final double[] p;
  private final Objective objective;
  private final double[] g;

  public Optimum(Supplier<Objective> objectives, DataSet train, Partition partition, double[] p) {
    this.objectives = objectives;
    this.train = train;
    this.partition = partition;
    this.p = p;
    this.objective = objectives.get();
    this.g = new double[objective.modelDim()];
  }

  /** {@code grad f(x)} into {@code out}; returns {@code f(x)}. Clients in id order. */
  public double gradientInto(double[] x, double[] out) {
    java.util.Arrays.fill(out, 0);
    double loss = 0;
    for (int c = 0; c < partition.clients(); c++) {
      if (partition.size(c) == 0) {
        continue;
      }
      loss += p[c] * objective.lossAndGradientInto(x, partition.view(train, c), g);
      for (int j = 0; j < g.length; j++) {
        out[j] += p[c] * g[j];
      }
    }
    return loss;
  }

  /** Client {@code c}'s own gradient {@code grad f_c(x)} into {@code out}. */
  public void clientGradientInto(int c, double[] x, double[] out) {
    objective.lossAndGradientInto(x, partition.view(train, c), out);
  }

  /**
   * Solves to {@code ||grad f||^2 <= tolerance}.
   *
   * @throws IllegalStateException if the tolerance is not reached (no minimiser, e.g. separable
   *     data without regularisation, or too ill-conditioned)
   */
  public double[] solve(double tolerance, int maxIterations) {
    int d = objective.modelDim();
    double[] x = objective instanceof LeastSquares ? newtonStep(d) : new double[d];
    double[] grad = new double[d];
    gradientInto(x, grad);
    if (Vec.normSq(grad) <= tolerance) {
      return x;
    }
    double lipschitz = 0;
    for (int c = 0; c < partition.clients(); c++) {
      if (partition.size(c) > 0) {
        lipschitz = Math.max(lipschitz, objectives.get().smoothness(partition.view(train, c)));
      }
    }
    double step = 1 / lipschitz;
    double[] y = x.clone();
    double[] prev = x.clone();
    double t = 1;
    for (int it = 0; it < maxIterations; it++) {
      gradientInto(y, grad);
      System.arraycopy(x, 0, prev, 0, d);
      for (int j = 0; j < d; j++) {
        x[j] = y[j] - step * grad[j];
      }
      double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      double restart = 0;
      for (int j = 0; j < d; j++) {
        restart += grad[j] * (x[j] - prev[j]);
      }
      if (restart > 0) { // the momentum points uphill: restart it
        tNext = 1;
        System.arraycopy(x, 0, y, 0, d);
      } else {
        double beta = (t - 1) / tNext;
        for (int j = 0; j < d; j++) {
          y[j] = x[j] + beta * (x[j] - prev[j]);
        }
      }
      t = tNext;
      if (it % 10 == 0) {
        gradientInto(x, grad);
        if (Vec.normSq(grad) <= tolerance) {
          return x;
        }
      }
    }
    gradientInto(x, grad);
    if (Vec.normSq(grad) <= tolerance) {
      return x;
    }
    throw new IllegalStateException(
        "the centralised solve did not reach ||grad f||^2 <= "
            + tolerance
            + " in "
            + maxIterations
            + " iterations (it stopped at "
            + Vec.normSq(grad)
            + "); the objective may have no minimiser: add an l2 term");
  }

  /** For a quadratic: {@code x = -H^{-1} grad f(0)}, with H read off by gradient differences. */
  private double[] newtonStep(int d) {
    double[] g0 = new double[d];
    gradientInto(new double[d], g0);
    DMatrixRMaj h = new DMatrixRMaj(d, d);
    double[] e = new double[d];
    double[] ge = new double[d];
    for (int j = 0; j < d; j++) {
      e[j] = 1;
      gradientInto(e, ge);
      e[j] = 0;
      for (int i = 0; i < d; i++) {
        h.set(i, j, ge[i] - g0[i]);
      }
    }
    DMatrixRMaj b = new DMatrixRMaj(d, 1);
    for (int i = 0; i < d; i++) {
      b.set(i, 0, -g0[i]);
    }
    DMatrixRMaj x = new DMatrixRMaj(d, 1);
    if (!CommonOps_DDRM.solve(h, b, x)) {
      throw new IllegalStateException("least squares has no unique minimiser (singular Hessian)");
    }
    return x.data.clone();
  }
}
