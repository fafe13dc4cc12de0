package org.decentsim.node.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /**
   * Generates the data set from streams {@code ("synthetic", *)} of {@code streams}, on as many
   * threads as the machine has cores when it is large (the values do not depend on the threads).
   */
  public static DataSet generate(
      Streams streams,
      Kind kind,
      int samples,
      int features,
      int classes,
      int groups,
      double heterogeneity,
      double noise) {
    return generate(streams, kind, samples, features, classes, groups, heterogeneity, noise, false);
  }

  /**
   * {@link #generate}, with a constant-1 feature appended to every row when {@code intercept} is
   * set: the data set {@link DataSet#withIntercept} would return, written once instead of copied
   * (for a million rows of 100 features the copy doubled the memory touched during set-up).
   */
  public static DataSet generate(
      Streams streams,
      Kind kind,
      int samples,
      int features,
      int classes,
      int groups,
      double heterogeneity,
      double noise,
      boolean intercept) {
    long values = (long) samples * features;
    int threads = values < PARALLEL_FROM ? 1 : Runtime.getRuntime().availableProcessors();
    return generate(
        streams,
        kind,
        samples,
        features,
        classes,
        groups,
        heterogeneity,
        noise,
        intercept,
        threads);
  }

  /** Values ({@code samples * features}) from which generation uses several threads. */
  static final long PARALLEL_FROM = 1L << 20;

  /**
   * {@link #generate} on {@code threads} threads. Rows are split into contiguous ranges; a range
   * starting inside a group rebuilds that group's model and mean from the group's stream and moves
   * the group's row stream ahead by the draws of the rows before it (every row takes the same
   * number of draws), so each row gets exactly the values a single pass gives it.
   */
  static DataSet generate(
      Streams streams,
      Kind kind,
      int samples,
      int features,
      int classes,
      int groups,
      double heterogeneity,
      double noise,
      boolean intercept,
      int threads) {
    if (samples < 1 || features < 1 || groups < 1) {
      throw new IllegalArgumentException("samples, features and groups must be >= 1");
    }
    int outputs = kind == Kind.MULTICLASS ? classes : 1;
    Rng global = streams.stream("synthetic-model", 0);
    double[] wStar = new double[outputs * features];
    for (int i = 0; i < wStar.length; i++) {
      wStar[i] = 2 * Draws.normal(global);
    }
    Rows rows =
        new Rows(streams, kind, samples, features, groups, heterogeneity, noise, wStar, intercept);
    int ranges = threads <= 1 ? 1 : Math.min(samples, 8 * threads);
    if (ranges == 1) {
      rows.fill(0, samples);
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "synthetic-data");
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<?>> parts = new ArrayList<>();
        for (int k = 0; k < ranges; k++) {
          int from = (int) ((long) samples * k / ranges);
          int to = (int) ((long) samples * (k + 1) / ranges);
          parts.add(pool.submit(() -> rows.fill(from, to)));
        }
        for (Future<?> f : parts) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while generating synthetic data", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err; // OutOfMemoryError among them: reported as it is
        }
        throw new IllegalStateException("generating synthetic data failed", cause);
      } finally {
        pool.shutdownNow();
      }
    }
    int numClasses = kind == Kind.LINEAR ? 0 : (kind == Kind.LOGISTIC ? 2 : classes);
    return DataSet.dense(
        "synthetic-" + kind.name().toLowerCase(java.util.Locale.ROOT),
        rows.stride,
        rows.x,
        rows.y,
        numClasses,
        rows.grp);
  }

  /** The rows of one data set, filled range by range (ranges write disjoint parts). */
  private static final class Rows {
    private final Streams streams;
    private final Kind kind;
    private final int samples;
    private final int features;
    private final int stride;
    private final int groups;
    private final int outputs;
    private final double heterogeneity;
    private final double noise;
    private final double[] wStar;
    private final double scale;
    private final long drawsPerRow;
    final double[] x;
    final double[] y;
    final int[] grp;

    Rows(
        Streams streams,
        Kind kind,
        int samples,
        int features,
        int groups,
        double heterogeneity,
        double noise,
        double[] wStar,
        boolean intercept) {
      this.streams = streams;
      this.kind = kind;
      this.samples = samples;
      this.features = features;
      this.stride = intercept ? features + 1 : features;
      this.groups = groups;
      this.outputs = wStar.length / features;
      this.heterogeneity = heterogeneity;
      this.noise = noise;
      this.wStar = wStar;
      this.scale = 1.0 / StrictMath.sqrt(features);
      // two uniforms per normal feature, then the label: a uniform, or a normal for LINEAR
      this.drawsPerRow = 2L * features + (kind == Kind.LINEAR ? 2 : 1);
      this.x = new double[samples * stride];
      this.y = new double[samples];
      this.grp = new int[samples];
    }

    /** The first row of group {@code g}: the least r with {@code r * groups / samples >= g}. */
    private long firstRow(int g) {
      return ((long) g * samples + groups - 1) / groups;
    }

    void fill(int from, int to) {
      double[] wg = new double[wStar.length];
      double[] mg = new double[features];
      double[] logits = new double[outputs];
      int currentGroup = -1;
      Rng rows = null;
      for (int r = from; r < to; r++) {
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
          rows.skip((r - firstRow(g)) * drawsPerRow);
        }
        grp[r] = g;
        int at = r * stride;
        for (int j = 0; j < features; j++) {
          x[at + j] = (mg[j] + Draws.normal(rows)) * scale;
        }
        if (stride > features) {
          x[at + features] = 1.0;
        }
        for (int c = 0; c < outputs; c++) {
          double s = 0;
          for (int j = 0; j < features; j++) {
            s += x[at + j] * wg[c * features + j];
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
    }
  }
}
