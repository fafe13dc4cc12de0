package org.decentsim.node.data;

import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;

/**
 * Synthetic federated data in the spirit of the Synthetic(alpha, beta) sets of the FedProx paper:
 * {@code groups} natural clients, each with its own feature shift and its own true model.
 *
 * <p>A global true model {@code w*} has i.i.d. N(0, 4) entries (so logits have a standard deviation
 * of about 2 and labels carry signal). Group g draws a model {@code w_g = w* + h * N(0, I)} and a
 * feature mean {@code m_g = h * N(0, I)}; its rows are {@code x ~ N(m_g, I) / sqrt(d)}. Labels:
 * logistic {@code P(y=1) = sigmoid(x . w_g)}; linear {@code y = x . w_g + noise * N(0,1)};
 * multiclass {@code P(y=c) = softmax(W_g x)_c}. {@code heterogeneity = h = 0} gives i.i.d. data.
 * Row r belongs to group {@code r * groups / samples}.
 */
public final class Synthetic {
  /** What the labels model. */
  public enum Kind {
    LOGISTIC,
    LINEAR,
    MULTICLASS
  }

  private Synthetic() {}

  /** Generates the data set from streams {@code ("synthetic", *)} of {@code streams}. */
  public static DataSet generate(
      Streams streams,
      Kind kind,
      int samples,
      int features,
      int classes,
      int groups,
      double heterogeneity,
      double noise) {
    if (samples < 1 || features < 1 || groups < 1) {
      throw new IllegalArgumentException("samples, features and groups must be >= 1");
    }
    int outputs = kind == Kind.MULTICLASS ? classes : 1;
    Rng global = streams.stream("synthetic-model", 0);
    double[] wStar = new double[outputs * features];
    for (int i = 0; i < wStar.length; i++) {
      wStar[i] = 2 * Draws.normal(global);
    }
    double scale = 1.0 / StrictMath.sqrt(features);
    double[] x = new double[samples * features];
    double[] y = new double[samples];
    int[] grp = new int[samples];
    double[] wg = new double[wStar.length];
    double[] mg = new double[features];
    double[] logits = new double[outputs];
    int currentGroup = -1;
    Rng rows = null;
    for (int r = 0; r < samples; r++) {
      int g = (int) ((long) r * groups / samples);
      if (g != currentGroup) {
        currentGroup = g;
        Rng gr = streams.stream("synthetic-group", g);
        for (int i = 0; i < wg.length; i++) {
          wg[i] = wStar[i] + heterogeneity * Draws.normal(gr);
        }
        for (int j = 0; j < features; j++) {
          mg[j] = heterogeneity * Draws.normal(gr);
        }
        rows = streams.stream("synthetic-rows", g);
      }
      grp[r] = g;
      for (int j = 0; j < features; j++) {
        x[r * features + j] = (mg[j] + Draws.normal(rows)) * scale;
      }
      for (int c = 0; c < outputs; c++) {
        double s = 0;
        for (int j = 0; j < features; j++) {
          s += x[r * features + j] * wg[c * features + j];
        }
        logits[c] = s;
      }
      switch (kind) {
        case LOGISTIC -> {
          double p = 1.0 / (1.0 + StrictMath.exp(-logits[0]));
          y[r] = rows.nextDouble() < p ? 1 : 0;
        }
        case LINEAR -> y[r] = logits[0] + noise * Draws.normal(rows);
        case MULTICLASS -> {
          double max = Double.NEGATIVE_INFINITY;
          for (double l : logits) {
            max = Math.max(max, l);
          }
          double z = 0;
          for (int c = 0; c < outputs; c++) {
            logits[c] = StrictMath.exp(logits[c] - max);
            z += logits[c];
          }
          double u = rows.nextDouble() * z;
          int c = 0;
          double acc = logits[0];
          while (u >= acc && c < outputs - 1) {
            c++;
            acc += logits[c];
          }
          y[r] = c;
        }
        default -> throw new AssertionError(kind);
      }
    }
    int numClasses = kind == Kind.LINEAR ? 0 : (kind == Kind.LOGISTIC ? 2 : classes);
    return DataSet.dense(
        "synthetic-" + kind.name().toLowerCase(java.util.Locale.ROOT),
        features,
        x,
        y,
        numClasses,
        grp);
  }
}
