package org.decentsim.coordinator.metrics;

import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.Objective;

/**
 * Evaluates a model on the federation: the federated loss {@code sum_i p_i f_i(x)} and the squared
 * norm of its gradient, accuracy over all training rows, and loss/accuracy on the test set. Clients
 * are visited in id order, so sums are reproducible.
 */
public final class Evaluator {
  /** Results of one evaluation. */
  public record Evaluation(
      double trainLoss,
      double trainAccuracy,
      double gradNormSq,
      double testLoss,
      double testAccuracy,
      double distanceSq) {}

  private final Federation fed;
  private final double[] p;
  private final Objective objective;
  private final boolean gradientNorm;
  private final double[] grad;
  private final double[] total;
  private final boolean classification;
  private final long[] correct = new long[1];
  private final DataView test;
  private double[] optimum;

  public Evaluator(Federation fed, double[] p, boolean gradientNorm) {
    this.fed = fed;
    this.p = p;
    this.objective = fed.objectives().get();
    this.gradientNorm = gradientNorm;
    this.grad = new double[objective.modelDim()];
    this.total = new double[objective.modelDim()];
    this.classification = objective.isClassification();
    this.test = fed.testOrNull() == null ? null : DataView.all(fed.testOrNull());
  }

  /** Also report {@code ||x - optimum||^2} from now on. */
  public void setOptimum(double[] optimum) {
    if (optimum.length != total.length) {
      throw new IllegalArgumentException("optimum has dimension " + optimum.length);
    }
    this.optimum = optimum.clone();
  }

  public Evaluation evaluate(double[] x) {
    double loss = 0;
    correct[0] = 0;
    long rows = 0;
    java.util.Arrays.fill(total, 0);
    for (int i = 0; i < fed.clients(); i++) {
      DataView v = fed.view(i);
      if (gradientNorm) {
        loss += p[i] * objective.lossAndGradientInto(x, v, grad);
        for (int j = 0; j < total.length; j++) {
          total[j] += p[i] * grad[j];
        }
        if (classification) {
          correct[0] += objective.correct(x, v.data(), v.index(), v.from(), v.to());
        }
      } else if (classification) {
        loss += p[i] * objective.lossAndCorrect(x, v.data(), v.index(), v.from(), v.to(), correct);
      } else {
        loss += p[i] * objective.loss(x, v);
      }
      rows += v.size();
    }
    double accuracy = classification ? (double) correct[0] / rows : Double.NaN;
    double gradNorm = Double.NaN;
    if (gradientNorm) {
      gradNorm = 0;
      for (double g : total) {
        gradNorm += g * g;
      }
    }
    double testLoss = Double.NaN;
    double testAcc = Double.NaN;
    if (test != null) {
      if (classification) {
        long before = correct[0];
        testLoss =
            objective.lossAndCorrect(x, test.data(), test.index(), test.from(), test.to(), correct);
        testAcc = (double) (correct[0] - before) / test.size();
      } else {
        testLoss = objective.loss(x, test);
      }
    }
    double dist = Double.NaN;
    if (optimum != null) {
      dist = 0;
      for (int j = 0; j < x.length; j++) {
        dist += (x[j] - optimum[j]) * (x[j] - optimum[j]);
      }
    }
    return new Evaluation(loss, accuracy, gradNorm, testLoss, testAcc, dist);
  }
}
