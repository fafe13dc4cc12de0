package org.decentsim.coordinator.metrics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.Objective;

/**
 * Evaluates a model on the federation: the federated loss {@code sum_i p_i f_i(x)} and the squared
 * norm of its gradient, accuracy over all training rows, and loss/accuracy on the test set.
 *
 * <p>The clients are cut into chunks of consecutive ids holding about {@value #ROWS_PER_CHUNK}
 * training rows each (a chunk ends with the client that reaches that count), which depends only on
 * the partition. Each chunk sums its clients in id order; the chunks' sums are then added in chunk
 * order. So the results do not depend on how many threads evaluate the chunks, and with one chunk
 * (up to {@value #ROWS_PER_CHUNK} rows) they are the sums in client order. Chunks are evaluated on
 * the calling thread and on a shared pool of one thread fewer than the machine has cores: at a
 * million clients, each evaluation reads a million scattered rows.
 */
public final class Evaluator {
  /** Training rows per chunk of clients. */
  public static final int ROWS_PER_CHUNK = 131_072;

  /**
   * Clients whose rows are fetched at once, ahead of their turn ({@link DataSet#prefetch}): the
   * first {@value #ROWS_AHEAD} rows of each. With one scattered row per client (a million clients
   * holding views of one data set), the fetches of 16 rows overlap instead of the evaluation
   * waiting on memory for each row: one evaluation of the scale scenario took 0.15 to 0.23 s
   * instead of 0.29 to 0.42 s on two cores (8 clients ahead did as well, 32 and 64 worse).
   */
  static final int CLIENTS_AHEAD = 16;

  private static final int ROWS_AHEAD = 4;

  private static final int THREADS = Runtime.getRuntime().availableProcessors();
  private static ExecutorService helpers; // made at the first evaluation of several chunks

  /** Results of one evaluation. */
  public record Evaluation(
      double trainLoss,
      double trainAccuracy,
      double gradNormSq,
      double testLoss,
      double testAccuracy,
      double distanceSq) {}

  /** Consecutive clients {@code [from, to)}, their sums and the scratch space they use. */
  private static final class Chunk {
    final int from;
    final int to;
    final Objective objective;
    final double[] grad; // null without the gradient norm
    final double[] total; // the chunk's sum of p_i grad f_i
    final long[] correct = new long[1];
    double loss;
    long rows;
    double prefetched; // the sum DataSet.prefetch returned, kept so its reads are kept

    Chunk(int from, int to, Objective objective, boolean gradientNorm) {
      this.from = from;
      this.to = to;
      this.objective = objective;
      int d = objective.modelDim();
      this.grad = gradientNorm ? new double[d] : null;
      this.total = gradientNorm ? new double[d] : null;
    }

    void evaluate(Federation fed, double[] p, double[] x) {
      boolean classification = objective.isClassification();
      loss = 0;
      rows = 0;
      correct[0] = 0;
      if (total != null) {
        java.util.Arrays.fill(total, 0);
      }
      double fetched = prefetch(fed, from, Math.min(to, from + CLIENTS_AHEAD));
      for (int i = from; i < to; i++) {
        if ((i - from) % CLIENTS_AHEAD == 0) {
          fetched += prefetch(fed, i + CLIENTS_AHEAD, Math.min(to, i + 2 * CLIENTS_AHEAD));
        }
        DataView v = fed.view(i);
        if (grad != null) {
          loss += p[i] * objective.lossAndGradientInto(x, v, grad);
          for (int j = 0; j < total.length; j++) {
            total[j] += p[i] * grad[j];
          }
          if (classification) {
            correct[0] += objective.correct(x, v.data(), v.index(), v.from(), v.to());
          }
        } else if (classification) {
          loss +=
              p[i] * objective.lossAndCorrect(x, v.data(), v.index(), v.from(), v.to(), correct);
        } else {
          loss += p[i] * objective.loss(x, v);
        }
        rows += v.size();
      }
      prefetched = fetched;
    }

    /** Fetches the first rows of clients {@code [first, end)} (see {@link #CLIENTS_AHEAD}). */
    private static double prefetch(Federation fed, int first, int end) {
      double s = 0;
      for (int c = first; c < end; c++) {
        DataView v = fed.view(c);
        for (int k = v.from(); k < Math.min(v.to(), v.from() + ROWS_AHEAD); k++) {
          s += v.data().prefetch(v.index()[k]);
        }
      }
      return s;
    }
  }

  private final Federation fed;
  private final double[] p;
  private final Objective objective;
  private final boolean gradientNorm;
  private final boolean classification;
  private final Chunk[] chunks;
  private final int threads;
  private final long[] correct = new long[1];
  private final DataView test;
  private double[] optimum;

  public Evaluator(Federation fed, double[] p, boolean gradientNorm) {
    this(fed, p, gradientNorm, ROWS_PER_CHUNK, THREADS);
  }

  /** With chunks of {@code rowsPerChunk} rows, evaluated on up to {@code threads} threads. */
  Evaluator(Federation fed, double[] p, boolean gradientNorm, int rowsPerChunk, int threads) {
    if (rowsPerChunk < 1 || threads < 1) {
      throw new IllegalArgumentException(rowsPerChunk + " rows per chunk, " + threads + " threads");
    }
    this.fed = fed;
    this.p = p;
    this.objective = fed.objectives().get();
    this.gradientNorm = gradientNorm;
    this.classification = objective.isClassification();
    this.test = fed.testOrNull() == null ? null : DataView.all(fed.testOrNull());
    this.threads = threads;
    java.util.List<Chunk> cut = new java.util.ArrayList<>();
    int from = 0;
    long rows = 0;
    for (int i = 0; i < fed.clients(); i++) {
      rows += fed.partition().size(i);
      if (rows >= rowsPerChunk || i == fed.clients() - 1) {
        Objective o = cut.isEmpty() ? objective : fed.objectives().get();
        cut.add(new Chunk(from, i + 1, o, gradientNorm));
        from = i + 1;
        rows = 0;
      }
    }
    if (cut.isEmpty()) {
      cut.add(new Chunk(0, 0, objective, gradientNorm));
    }
    this.chunks = cut.toArray(new Chunk[0]);
  }

  /** The number of chunks the clients are cut into. */
  int chunks() {
    return chunks.length;
  }

  /** Also report {@code ||x - optimum||^2} from now on. */
  public void setOptimum(double[] optimum) {
    if (optimum.length != objective.modelDim()) {
      throw new IllegalArgumentException("optimum has dimension " + optimum.length);
    }
    this.optimum = optimum.clone();
  }

  public Evaluation evaluate(double[] x) {
    evaluateChunks(x);
    Chunk first = chunks[0];
    double loss = first.loss;
    long right = first.correct[0];
    long rows = first.rows;
    double[] total = first.total;
    for (int k = 1; k < chunks.length; k++) {
      Chunk c = chunks[k];
      loss += c.loss;
      right += c.correct[0];
      rows += c.rows;
      for (int j = 0; total != null && j < total.length; j++) {
        total[j] += c.total[j];
      }
    }
    double accuracy = classification ? (double) right / rows : Double.NaN;
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
        correct[0] = 0;
        testLoss =
            objective.lossAndCorrect(x, test.data(), test.index(), test.from(), test.to(), correct);
        testAcc = (double) correct[0] / test.size();
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

  /** Evaluates every chunk, on this thread and the shared helpers when there are several. */
  private void evaluateChunks(double[] x) {
    int helping = Math.min(threads, chunks.length) - 1;
    if (helping == 0) {
      for (Chunk c : chunks) {
        c.evaluate(fed, p, x);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int k = next.getAndIncrement(); k < chunks.length; k = next.getAndIncrement()) {
            chunks[k].evaluate(fed, p, x);
          }
        };
    Future<?>[] running = new Future<?>[helping];
    ExecutorService pool = helpers();
    for (int h = 0; h < helping; h++) {
      running[h] = pool.submit(work);
    }
    RuntimeException failure = null;
    try {
      work.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(chunks.length); // the helpers take no further chunk
    }
    // wait for every helper, also after a failure: none may still read x when this returns
    boolean interrupted = false;
    for (Future<?> f : running) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("evaluation failed", e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The shared pool: one thread fewer than the machine's cores, at least one. */
  private static synchronized ExecutorService helpers() {
    if (helpers == null) {
      AtomicInteger count = new AtomicInteger();
      helpers =
          Executors.newFixedThreadPool(
              Math.max(1, THREADS - 1),
              r -> {
                Thread t = new Thread(r, "decentsim-evaluation-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return helpers;
  }
}
