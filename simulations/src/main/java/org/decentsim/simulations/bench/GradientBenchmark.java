package org.decentsim.simulations.bench;

import java.util.concurrent.TimeUnit;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.objective.LeastSquares;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.objective.SoftmaxRegression;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loss and gradient of each objective on a dense minibatch of 32 rows, against {@link
 * #baselineLogistic}, the same logistic math written as one plain loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GradientBenchmark {
  @Param({"100", "1000"})
  int dim;

  static final int BATCH = 32;
  DataSet data;
  DataSet multi;
  double[] raw;
  double[] labels;
  int[] idx;
  double[] w;
  double[] wMulti;
  double[] grad;
  double[] gradMulti;
  Objective logistic;
  Objective leastSquares;
  Objective softmax;

  @Setup
  public void setUp() {
    Rng r = new Rng(1);
    raw = new double[BATCH * dim];
    labels = new double[BATCH];
    double[] classes = new double[BATCH];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Draws.normal(r);
    }
    for (int i = 0; i < BATCH; i++) {
      labels[i] = r.nextInt(2);
      classes[i] = r.nextInt(10);
    }
    data = DataSet.dense("bench", dim, raw, labels, 2, null);
    multi = DataSet.dense("bench", dim, raw, classes, 10, null);
    idx = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      idx[i] = i;
    }
    w = new double[dim];
    for (int j = 0; j < dim; j++) {
      w[j] = 0.01 * Draws.normal(r);
    }
    wMulti = new double[10 * dim];
    grad = new double[dim];
    gradMulti = new double[10 * dim];
    logistic = new LogisticRegression(dim, Regularizer.NONE);
    leastSquares = new LeastSquares(dim, Regularizer.NONE);
    softmax = new SoftmaxRegression(dim, 10, Regularizer.NONE);
  }

  @Benchmark
  public double logistic() {
    return logistic.lossAndGradientInto(w, data, idx, 0, BATCH, grad);
  }

  @Benchmark
  public double leastSquares() {
    return leastSquares.lossAndGradientInto(w, data, idx, 0, BATCH, grad);
  }

  @Benchmark
  public double softmax10() {
    return softmax.lossAndGradientInto(wMulti, multi, idx, 0, BATCH, gradMulti);
  }

  /** The logistic loss and gradient as one plain loop over a row-major array. */
  @Benchmark
  public double baselineLogistic() {
    java.util.Arrays.fill(grad, 0);
    double sum = 0;
    for (int i = 0; i < BATCH; i++) {
      double y = labels[i] == 1 ? 1 : -1;
      double z = 0;
      int base = i * dim;
      for (int j = 0; j < dim; j++) {
        z += raw[base + j] * w[j];
      }
      double m = -y * z;
      sum += m > 0 ? m + StrictMath.log1p(StrictMath.exp(-m)) : StrictMath.log1p(StrictMath.exp(m));
      double s = 1.0 / (1.0 + StrictMath.exp(-m));
      double c = -y * s / BATCH;
      for (int j = 0; j < dim; j++) {
        grad[j] += c * raw[base + j];
      }
    }
    return sum / BATCH;
  }
}
