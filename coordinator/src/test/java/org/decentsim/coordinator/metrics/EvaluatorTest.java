package org.decentsim.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataView;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.data.Synthetic;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Streams;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final int ROWS = 300;
  private static final int CLIENTS = 13;

  private static Federation federation() {
    return federation(ROWS, CLIENTS, 21);
  }

  /** {@code rows} synthetic logistic rows (4 features) split iid over {@code clients}. */
  private static Federation federation(int rows, int clients, long seed) {
    Streams s = new Streams(seed);
    var data = Synthetic.generate(s, Synthetic.Kind.LOGISTIC, rows, 4, 2, clients, 0.5, 0);
    return new Federation(
        data,
        null,
        Partitioner.iid(rows, clients, s.stream("partition", 0)),
        () -> new LogisticRegression(4, new Regularizer(0.01, 0)),
        0.3,
        5,
        s);
  }

  private static double[] weights(Federation fed) {
    double[] p = new double[fed.clients()];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) fed.partition().size(i) / ROWS;
    }
    return p;
  }

  private static final double[] X = {0.3, -1.2, 0.8, 0.1};

  /** The chunks' sums, each in client order, added in chunk order, written out. */
  private static double[] expectedLossAndGradNorm(Federation fed, double[] p, int rowsPerChunk) {
    Objective f = fed.objectives().get();
    double loss = 0;
    double[] total = new double[4];
    double chunkLoss = 0;
    double[] chunkTotal = new double[4];
    boolean first = true;
    long rows = 0;
    double[] g = new double[4];
    for (int i = 0; i < fed.clients(); i++) {
      DataView v = fed.view(i);
      chunkLoss += p[i] * f.lossAndGradientInto(X, v, g);
      for (int j = 0; j < 4; j++) {
        chunkTotal[j] += p[i] * g[j];
      }
      rows += v.size();
      if (rows >= rowsPerChunk || i == fed.clients() - 1) {
        loss = first ? chunkLoss : loss + chunkLoss;
        for (int j = 0; j < 4; j++) {
          total[j] = first ? chunkTotal[j] : total[j] + chunkTotal[j];
        }
        first = false;
        chunkLoss = 0;
        chunkTotal = new double[4];
        rows = 0;
      }
    }
    double norm = 0;
    for (double t : total) {
      norm += t * t;
    }
    return new double[] {loss, norm};
  }

  @Test
  void chunks_areSummedInChunkOrder_whateverTheThreads() {
    Federation fed = federation();
    double[] p = weights(fed);
    Evaluator.Evaluation one = new Evaluator(fed, p, true, 50, 1).evaluate(X);
    Evaluator.Evaluation three = new Evaluator(fed, p, true, 50, 3).evaluate(X);
    Evaluator.Evaluation eight = new Evaluator(fed, p, true, 50, 8).evaluate(X);
    assertThat(three).isEqualTo(one);
    assertThat(eight).isEqualTo(one);
    assertThat(new Evaluator(fed, p, true, 50, 3).chunks()).isBetween(5, 6);
    double[] expected = expectedLossAndGradNorm(fed, p, 50);
    assertThat(one.trainLoss()).isEqualTo(expected[0]);
    assertThat(one.gradNormSq()).isEqualTo(expected[1]);
    // without the gradient norm, loss and accuracy come from one pass over each row
    Evaluator.Evaluation lossOnly = new Evaluator(fed, p, false, 50, 3).evaluate(X);
    assertThat(lossOnly.trainLoss()).isEqualTo(one.trainLoss());
    assertThat(lossOnly.trainAccuracy()).isEqualTo(one.trainAccuracy()).isBetween(0.05, 0.95);
  }

  @Test
  void oneChunk_isTheSumInClientOrder() {
    Federation fed = federation();
    double[] p = weights(fed);
    Evaluator e = new Evaluator(fed, p, true, ROWS, 4);
    assertThat(e.chunks()).isEqualTo(1);
    Evaluator.Evaluation r = e.evaluate(X);
    Objective f = fed.objectives().get();
    double loss = 0;
    long right = 0;
    for (int i = 0; i < CLIENTS; i++) {
      DataView v = fed.view(i);
      loss += p[i] * f.loss(X, v);
      right += f.correct(X, v.data(), v.index(), v.from(), v.to());
    }
    assertThat(r.trainLoss()).isEqualTo(loss);
    assertThat(r.trainAccuracy()).isEqualTo((double) right / ROWS);
    assertThat(r.gradNormSq()).isEqualTo(expectedLossAndGradNorm(fed, p, ROWS)[1]);
    // the default chunking leaves a data set of this size in one chunk
    assertThat(new Evaluator(fed, p, true).evaluate(X)).isEqualTo(r);
  }

  /**
   * One row per client, many more clients than are fetched ahead at once: the sums are those of the
   * plain loop in client order, bit for bit, on one thread and on three.
   */
  @Test
  void oneRowPerClient_rowsFetchedAhead_sameSumsAsThePlainLoop() {
    int n = 10 * Evaluator.CLIENTS_AHEAD + 3;
    Federation fed = federation(n, n, 4);
    double[] p = new double[n];
    java.util.Arrays.fill(p, 1.0 / n);
    Objective f = fed.objectives().get();
    double loss = 0;
    long[] correct = new long[1];
    for (int i = 0; i < n; i++) {
      DataView v = fed.view(i);
      loss += p[i] * f.lossAndCorrect(X, v.data(), v.index(), v.from(), v.to(), correct);
    }
    for (int threads : new int[] {1, 3}) {
      Evaluator.Evaluation e = new Evaluator(fed, p, false, n, threads).evaluate(X);
      assertThat(e.trainLoss()).isEqualTo(loss);
      assertThat(e.trainAccuracy()).isEqualTo((double) correct[0] / n);
    }
    // several chunks, each fetching ahead within its own clients only
    Evaluator chunked = new Evaluator(fed, p, false, 7, 3);
    assertThat(chunked.evaluate(X)).isEqualTo(new Evaluator(fed, p, false, 7, 1).evaluate(X));
  }

  @Test
  void aFailingChunk_failsTheEvaluation_andTheNextOneWorks() {
    Federation fed = federation();
    double[] p = weights(fed);
    Evaluator e = new Evaluator(fed, p, false, 20, 3);
    double[] wrongDimension = new double[3];
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.evaluate(wrongDimension))
        .isInstanceOf(RuntimeException.class);
    assertThat(e.evaluate(X)).isEqualTo(new Evaluator(fed, p, false, 20, 1).evaluate(X));
  }
}
