package org.decentsim.node.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataSetTest {
  @Test
  void prefetch_readsTheLabelAndOneValuePerCacheLineOfTheFirstKilobyte() {
    int dim = 200;
    double[] features = new double[2 * dim];
    for (int j = 0; j < features.length; j++) {
      features[j] = j;
    }
    DataSet d = DataSet.dense("d", dim, features, new double[] {0.5, 1}, 2, null);
    double row1 = 1; // label, then positions 0, 8, ..., 120 of row 1
    for (int j = 0; j < 128; j += 8) {
      row1 += dim + j;
    }
    assertThat(d.prefetch(1)).isEqualTo(row1);
    DataSet narrow = DataSet.dense("n", 3, new double[] {4, 5, 6}, new double[] {2}, 0, null);
    assertThat(narrow.prefetch(0)).isEqualTo(2 + 4);
  }

  @Test
  void prefetch_ofASparseRow_readsItsStoredValuesAndColumns_andAnEmptyRowGivesItsLabel() {
    int[] rowPtr = {0, 10, 10};
    int[] cols = new int[10];
    double[] vals = new double[10];
    for (int p = 0; p < 10; p++) {
      cols[p] = 3 * p;
      vals[p] = 0.25 * p;
    }
    DataSet s = DataSet.sparse("s", 40, rowPtr, cols, vals, new double[] {1, 7}, 0);
    assertThat(s.prefetch(0)).isEqualTo(1 + (0 + 0) + (0.25 * 8 + 24));
    assertThat(s.prefetch(1)).isEqualTo(7);
  }
}
