package org.decentsim.node.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.LeastSquares;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class LocalSgdTest {
  private static final DataSet DATA =
      DataSet.dense("t", 2, new double[] {1, 0, 0, 2, 1, 1}, new double[] {1, 2, 0}, 0, null);

  @Test
  void trainInto_fullBatchTwoSteps_equalsTwoGradientDescentSteps() {
    LeastSquares f = new LeastSquares(2, Regularizer.NONE);
    LocalSgd sgd = new LocalSgd(f, 0.1, 0);
    double[] start = {0.5, -0.5};
    double[] delta = new double[2];
    sgd.trainInto(DataView.all(DATA), new Rng(1), start, 2, delta);

    double[] y = start.clone();
    double[] g = new double[2];
    for (int s = 0; s < 2; s++) {
      f.lossAndGradientInto(y, DataView.all(DATA), g);
      y[0] -= 0.1 * g[0];
      y[1] -= 0.1 * g[1];
    }
    assertThat(delta).containsExactly(y[0] - start[0], y[1] - start[1]);
    assertThat(start).containsExactly(0.5, -0.5);
  }

  @Test
  void trainInto_minibatch_sameStreamSameUpdate() {
    LocalSgd sgd = new LocalSgd(new LeastSquares(2, Regularizer.NONE), 0.1, 1);
    double[] a = new double[2];
    double[] b = new double[2];
    sgd.trainInto(DataView.all(DATA), new Rng(5), new double[2], 3, a);
    sgd.trainInto(DataView.all(DATA), new Rng(5), new double[2], 3, b);
    assertThat(a).containsExactly(b);
  }

  @Test
  void samplesPerStep_batchAtLeastRows_usesAllRows() {
    LocalSgd sgd = new LocalSgd(new LeastSquares(2, Regularizer.NONE), 0.1, 10);
    assertThat(sgd.samplesPerStep(3)).isEqualTo(3);
    assertThat(sgd.samplesPerStep(30)).isEqualTo(10);
  }
}
