package org.decentsim.node.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.decentsim.node.random.Streams;
import org.junit.jupiter.api.Test;

class PartitionerTest {
  private static DataSet labelled(int rows, int classes) {
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = r % classes;
    }
    return DataSet.dense("t", 1, new double[rows], y, classes, null);
  }

  private static void assertCoversEachRowOnce(Partition p, int rows) {
    int[] sorted = Arrays.copyOfRange(p.order(), 0, p.offsets()[p.clients()]);
    Arrays.sort(sorted);
    int[] expected = new int[rows];
    Arrays.setAll(expected, i -> i);
    assertThat(sorted).containsExactly(expected);
    for (int c = 0; c < p.clients(); c++) {
      assertThat(p.size(c)).isPositive();
    }
  }

  @Test
  void iid_sizesDifferByAtMostOne_andCoverAllRows() {
    Partition p = Partitioner.iid(103, 10, new Streams(1).stream("partition", 0));
    assertCoversEachRowOnce(p, 103);
    for (int c = 0; c < 10; c++) {
      assertThat(p.size(c)).isBetween(10, 11);
    }
  }

  @Test
  void iid_sameSeed_samePartition() {
    Partition a = Partitioner.iid(50, 5, new Streams(4).stream("partition", 0));
    Partition b = Partitioner.iid(50, 5, new Streams(4).stream("partition", 0));
    assertThat(a.order()).containsExactly(b.order());
  }

  @Test
  void dirichlet_smallAlpha_fewClassesPerClient_largeAlpha_many() {
    DataSet d = labelled(5000, 10);
    Partition skewed = Partitioner.dirichlet(d, 20, 0.05, new Streams(1).stream("partition", 0));
    Partition mixed = Partitioner.dirichlet(d, 20, 100, new Streams(1).stream("partition", 0));
    assertCoversEachRowOnce(skewed, 5000);
    assertCoversEachRowOnce(mixed, 5000);
    assertThat(meanDominantShare(skewed, d)).isGreaterThan(0.7);
    assertThat(meanDominantShare(mixed, d)).isLessThan(0.3);
  }

  private static double meanDominantShare(Partition p, DataSet d) {
    double total = 0;
    for (int c = 0; c < p.clients(); c++) {
      int[] counts = new int[d.numClasses()];
      DataView v = p.view(d, c);
      for (int k = 0; k < v.size(); k++) {
        counts[d.classOf(v.row(k))]++;
      }
      total += (double) Arrays.stream(counts).max().orElse(0) / v.size();
    }
    return total / p.clients();
  }

  @Test
  void shards_twoPerClient_atMostTwoClassesEach() {
    DataSet d = labelled(1000, 10);
    Partition p = Partitioner.shards(d, 10, 2, new Streams(2).stream("partition", 0));
    assertCoversEachRowOnce(p, 1000);
    for (int c = 0; c < 10; c++) {
      Set<Integer> classes = new HashSet<>();
      DataView v = p.view(d, c);
      for (int k = 0; k < v.size(); k++) {
        classes.add(d.classOf(v.row(k)));
      }
      assertThat(classes.size()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void powerLaw_sizesAreSkewed_andCoverAllRows() {
    Partition p = Partitioner.powerLaw(10_000, 50, 1.5, new Streams(3).stream("partition", 0));
    assertCoversEachRowOnce(p, 10_000);
    int[] sizes = new int[50];
    for (int c = 0; c < 50; c++) {
      sizes[c] = p.size(c);
    }
    Arrays.sort(sizes);
    assertThat(sizes[49]).isGreaterThan(20 * sizes[0]);
  }
}
