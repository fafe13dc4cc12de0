package org.decentsim.node.solver;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.random.Rng;

/**
 * K steps of minibatch SGD (ALGORITHMS.md §0.1): {@code y_0 = x; y_{k+1} = y_k - lr * g(y_k; B_k)},
 * reporting {@code Delta = y_K - y_0}.
 *
 * <p>Each minibatch draws {@code batchSize} rows of the client's view uniformly with replacement
 * from the client's own stream. A batch size of 0, or one at least the client's row count, uses the
 * client's full data every step (deterministic gradient descent).
 *
 * <p>Holds its workspace: one instance per thread.
 *
 * <p>Implementation notes: plain SGD. Fraboni et al.'s client code (ALGORITHMS.md §1.3) uses
 * momentum 0.9 restarted every round and gradient-norm clipping at 1e4; neither is implemented
 * here, so reproductions of their curves use plain local steps.
 */
public final class LocalSgd {
  private final Objective objective;
  private final double lr;
  private final int batchSize;
  private double[] y;
  private double[] grad;
  private int[] batch;

  public LocalSgd(Objective objective, double lr, int batchSize) {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    }
    if (batchSize < 0) {
      throw new IllegalArgumentException("batch size must be >= 0, got " + batchSize);
    }
    this.objective = objective;
    this.lr = lr;
    this.batchSize = batchSize;
    int d = objective.modelDim();
    this.y = new double[d];
    this.grad = new double[d];
    this.batch = new int[Math.max(1, batchSize)];
  }

  public double learningRate() {
    return lr;
  }

  /** Rows one step reads for a client with {@code rows} rows. */
  public int samplesPerStep(int rows) {
    return batchSize == 0 || batchSize >= rows ? rows : batchSize;
  }

  /**
   * Runs {@code steps} steps from {@code start} (not modified) on {@code view}, drawing batches
   * from {@code rng} (advanced), and writes {@code y_K - start} into {@code outDelta} (modified).
   *
   * @return the mean over the steps of the minibatch loss before each step
   */
  public double trainInto(DataView view, Rng rng, double[] start, int steps, double[] outDelta) {
    return trainInto(
        view.data(), view.index(), view.from(), view.to(), rng, start, steps, outDelta);
  }

  /**
   * As {@link #trainInto(DataView, Rng, double[], int, double[])} on rows {@code idx[from..to)}.
   */
  public double trainInto(
      DataSet data,
      int[] idx,
      int from,
      int to,
      Rng rng,
      double[] start,
      int steps,
      double[] outDelta) {
    int d = objective.modelDim();
    if (start.length != d || outDelta.length != d) {
      throw new IllegalArgumentException("model dimension " + start.length + " != " + d);
    }
    if (start == outDelta) {
      throw new IllegalArgumentException("start and outDelta must be different arrays");
    }
    System.arraycopy(start, 0, y, 0, d);
    int n = to - from;
    boolean full = batchSize == 0 || batchSize >= n;
    double lossSum = 0;
    for (int s = 0; s < steps; s++) {
      double loss;
      if (full) {
        loss = objective.lossAndGradientInto(y, data, idx, from, to, grad);
      } else {
        for (int b = 0; b < batchSize; b++) {
          batch[b] = idx[from + rng.nextInt(n)];
        }
        loss = objective.lossAndGradientInto(y, data, batch, 0, batchSize, grad);
      }
      lossSum += loss;
      for (int j = 0; j < d; j++) {
        y[j] -= lr * grad[j];
      }
    }
    for (int j = 0; j < d; j++) {
      outDelta[j] = y[j] - start[j];
    }
    return steps == 0 ? 0 : lossSum / steps;
  }
}
