package org.decentsim.node.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class SelectTest {
  @Test
  void kthLargest_matchesSorting_withTiesAndZeros() {
    Rng rng = new Rng(7);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + rng.nextInt(40);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(trial % 3 == 0 ? 3 : 1000);
      }
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = 1 + rng.nextInt(n);
      assertThat(Select.kthLargest(a.clone(), n, k)).as("trial %d", trial).isEqualTo(sorted[n - k]);
    }
  }
}
