package org.decentsim.node.objective;

import static org.assertj.core.api.Assertions.assertThat;

import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
  private static DataSet dense(int rows, int dim, int classes, long seed) {
    Rng r = new Rng(seed);
    double[] x = new double[rows * dim];
    double[] y = new double[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = Draws.normal(r);
    }
    for (int i = 0; i < rows; i++) {
      y[i] = classes == 0 ? Draws.normal(r) : r.nextInt(classes);
    }
    return DataSet.dense("t", dim, x, y, classes, null);
  }

  private static DataSet sparse(int rows, int dim, long seed) {
    Rng r = new Rng(seed);
    int[] ptr = new int[rows + 1];
    int[] cols = new int[rows * 2];
    double[] vals = new double[rows * 2];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      int a = r.nextInt(dim - 1);
      cols[2 * i] = a;
      cols[2 * i + 1] = a + 1;
      vals[2 * i] = Draws.normal(r);
      vals[2 * i + 1] = Draws.normal(r);
      ptr[i + 1] = 2 * i + 2;
      y[i] = r.nextInt(2);
    }
    return DataSet.sparse("s", dim, ptr, cols, vals, y, 2);
  }

  /** Central finite differences against the analytic gradient. */
  private static void checkGradient(Objective f, DataSet d, long seed) {
    DataView v = DataView.all(d);
    Rng r = new Rng(seed);
    double[] w = new double[f.modelDim()];
    for (int j = 0; j < w.length; j++) {
      w[j] = 0.5 * Draws.normal(r);
    }
    double[] g = new double[w.length];
    double loss = f.lossAndGradientInto(w, v, g);
    assertThat(loss).isCloseTo(f.loss(w, v), org.assertj.core.data.Offset.offset(1e-12));
    double h = 1e-6;
    for (int j = 0; j < w.length; j++) {
      double old = w[j];
      w[j] = old + h;
      double up = f.loss(w, v);
      w[j] = old - h;
      double down = f.loss(w, v);
      w[j] = old;
      double fd = (up - down) / (2 * h);
      assertThat(g[j])
          .as("coordinate %d", j)
          .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void logistic_gradient_matchesFiniteDifferences() {
    checkGradient(new LogisticRegression(5, Regularizer.NONE), dense(40, 5, 2, 1), 2);
  }

  @Test
  void logistic_withL2AndNonconvex_gradientMatchesFiniteDifferences() {
    checkGradient(new LogisticRegression(5, new Regularizer(0.1, 0.3)), dense(40, 5, 2, 3), 4);
  }

  @Test
  void logistic_sparseData_gradientMatchesFiniteDifferences() {
    checkGradient(new LogisticRegression(6, new Regularizer(0.01, 0)), sparse(30, 6, 5), 6);
  }

  @Test
  void leastSquares_gradient_matchesFiniteDifferences() {
    checkGradient(new LeastSquares(4, new Regularizer(0.2, 0.1)), dense(30, 4, 0, 7), 8);
  }

  @Test
  void softmax_gradient_matchesFiniteDifferences() {
    checkGradient(new SoftmaxRegression(4, 3, new Regularizer(0.05, 0)), dense(30, 4, 3, 9), 10);
  }

  @Test
  void logistic_zeroModel_lossIsLog2() {
    DataSet d = dense(10, 3, 2, 11);
    assertThat(new LogisticRegression(3, Regularizer.NONE).loss(new double[3], DataView.all(d)))
        .isEqualTo(Math.log(2));
  }

  @Test
  void softmax_zeroModel_lossIsLogC() {
    DataSet d = dense(10, 3, 4, 12);
    assertThat(new SoftmaxRegression(3, 4, Regularizer.NONE).loss(new double[12], DataView.all(d)))
        .isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void logistic_extremeMargins_finiteLossAndGradient() {
    double[] x = {1, -1};
    DataSet d = DataSet.dense("e", 1, x, new double[] {1, 1}, 2, null);
    double[] g = new double[1];
    double loss =
        new LogisticRegression(1, Regularizer.NONE)
            .lossAndGradientInto(new double[] {1000}, DataView.all(d), g);
    assertThat(loss).isCloseTo(500, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(g[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void logistic_lossAndGradient_equalTheSeparateFormulasBitForBit() {
    // weights of norm about 20 give margins from tiny to about 60 of both signs
    DataSet d = dense(500, 5, 2, 14);
    LogisticRegression f = new LogisticRegression(5, Regularizer.NONE);
    Rng r = new Rng(15);
    for (double scale : new double[] {0.01, 1, 20}) {
      double[] w = new double[5];
      for (int j = 0; j < w.length; j++) {
        w[j] = scale * Draws.normal(r);
      }
      double[] g = new double[5];
      double loss = f.lossAndGradientInto(w, DataView.all(d), g);
      assertThat(loss).isEqualTo(f.loss(w, DataView.all(d)));
      // the gradient with the two-sided sigmoid written out, one exp call per use
      double[] expected = new double[5];
      for (int row = 0; row < d.rows(); row++) {
        double y = d.classOf(row) == 1 ? 1.0 : -1.0;
        double m = -y * d.dot(row, w, 0);
        double s =
            m > 0
                ? 1.0 / (1.0 + StrictMath.exp(-m))
                : StrictMath.exp(m) / (1.0 + StrictMath.exp(m));
        d.axpyRow(row, -y * s * (1.0 / d.rows()), expected, 0);
      }
      assertThat(g).as("scale %s", scale).containsExactly(expected);
    }
  }

  @Test
  void lossAndCorrect_equalsLossAndCorrectExactly() {
    DataSet logistic = dense(300, 5, 2, 16);
    DataSet softmax = dense(300, 4, 3, 17);
    DataSet sparseRows = sparse(200, 6, 18);
    DataSet regression = dense(100, 4, 0, 19);
    checkLossAndCorrect(new LogisticRegression(5, new Regularizer(0.1, 0)), logistic, 20);
    checkLossAndCorrect(new LogisticRegression(6, Regularizer.NONE), sparseRows, 21);
    checkLossAndCorrect(new SoftmaxRegression(4, 3, new Regularizer(0.05, 0)), softmax, 22);
    checkLossAndCorrect(new LeastSquares(4, Regularizer.NONE), regression, 23);
  }

  private static void checkLossAndCorrect(Objective f, DataSet d, long seed) {
    Rng r = new Rng(seed);
    double[] w = new double[f.modelDim()];
    for (int j = 0; j < w.length; j++) {
      w[j] = Draws.normal(r);
    }
    int[] idx = new int[d.rows()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = (i * 7) % idx.length; // the rows in another order
    }
    long[] correct = {5};
    double loss = f.lossAndCorrect(w, d, idx, 10, idx.length - 3, correct);
    assertThat(loss).isEqualTo(f.loss(w, d, idx, 10, idx.length - 3));
    int expected = f.correct(w, d, idx, 10, idx.length - 3);
    assertThat(correct[0]).isEqualTo(5 + expected);
    if (f.isClassification()) {
      // neither all nor none right, so the count is a real one
      assertThat(expected).isBetween(1, idx.length - 14);
    }
  }

  @Test
  void leastSquares_smoothness_equalsLargestEigenvalueOfGram() {
    DataSet d = dense(50, 4, 0, 13);
    DataView v = DataView.all(d);
    DMatrixRMaj gram = new DMatrixRMaj(4, 4);
    for (int r = 0; r < 50; r++) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          double[] ei = new double[4];
          ei[i] = 1;
          double[] ej = new double[4];
          ej[j] = 1;
          gram.add(i, j, d.dot(r, ei, 0) * d.dot(r, ej, 0) / 50);
        }
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(4, false, true);
    assertThat(eig.decompose(gram)).isTrue();
    double max = 0;
    for (int i = 0; i < 4; i++) {
      max = Math.max(max, eig.getEigenvalue(i).getReal());
    }
    double l = new LeastSquares(4, new Regularizer(0.5, 0)).smoothness(v);
    assertThat(l).isCloseTo(max + 0.5, org.assertj.core.data.Offset.offset(1e-6 * max));
  }
}
