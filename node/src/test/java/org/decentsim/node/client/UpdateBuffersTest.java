package org.decentsim.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateBuffersTest {
  @Test
  void givenArrays_comeBackLastInFirstOut_upToTheCapacity() {
    UpdateBuffers b = new UpdateBuffers(3, 5); // five clients: at most five arrays wait
    double[] a = b.take();
    double[] c = b.take();
    assertThat(a).hasSize(3).isNotSameAs(c);
    b.give(a);
    b.give(c);
    assertThat(b.take()).isSameAs(c);
    assertThat(b.take()).isSameAs(a);
    assertThat(b.take()).isNotSameAs(a).isNotSameAs(c); // empty: a new one

    for (int i = 0; i < 9; i++) {
      b.give(new double[3]);
    }
    assertThat(b.pooled()).isEqualTo(5);
    b.give(new double[4]); // another dimension is not kept
    assertThat(b.pooled()).isEqualTo(5);
  }

  @Test
  void capacity_isBoundedByBytes() {
    UpdateBuffers big = new UpdateBuffers(4_000_000, 1000); // 32 MB each: the floor of four
    for (int i = 0; i < 6; i++) {
      big.give(new double[4_000_000]);
    }
    assertThat(big.pooled()).isEqualTo(4);
  }
}
