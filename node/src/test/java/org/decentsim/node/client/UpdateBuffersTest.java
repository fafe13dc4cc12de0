package org.decentsim.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UpdateBuffersTest {
  @Test
  void coordinatorSide_lastInFirstOut_upToTheCapacity() {
    UpdateBuffers b = new UpdateBuffers(3, 5); // five clients: at most five arrays wait
    double[] a = b.take();
    double[] c = b.take();
    assertThat(a).hasSize(3).isNotSameAs(c);
    b.give(0, a);
    b.give(1, c);
    assertThat(b.take()).isSameAs(c);
    assertThat(b.take()).isSameAs(a);
    assertThat(b.take()).isNotSameAs(a).isNotSameAs(c); // empty: a new one

    for (int i = 0; i < 9; i++) {
      b.give(i, new double[3]);
    }
    assertThat(b.pooled()).isEqualTo(5);
    b.give(0, new double[4]); // another dimension is not kept
    assertThat(b.pooled()).isEqualTo(5);
  }

  @Test
  void capacity_isBoundedByBytes() {
    UpdateBuffers big = new UpdateBuffers(4_000_000, 1000); // 32 MB each: the floor of four
    for (int i = 0; i < 6; i++) {
      big.give(i, new double[4_000_000]);
    }
    assertThat(big.pooled()).isEqualTo(4);
  }

  /**
   * Dealt to two workers: the coordinator keeps its reserve, then gives client c's arrays to worker
   * c mod 2, first in first out; a full ring leaves them on the coordinator's side; a shard dealt
   * another way gets new arrays.
   */
  @Test
  void dealt_arraysBeyondTheReserveGoToTheClientsWorker() {
    UpdateBuffers b = new UpdateBuffers(2, 64); // 64 arrays per side, rings of 32
    b.deal(2);
    for (int i = 0; i < UpdateBuffers.COORDINATOR_RESERVE; i++) {
      b.give(i, new double[2]);
    }
    assertThat(b.pooled()).isEqualTo(UpdateBuffers.COORDINATOR_RESERVE);
    double[] x = new double[2];
    double[] y = new double[2];
    double[] z = new double[2];
    b.give(3, x);
    b.give(5, y);
    b.give(4, z);
    assertThat(b.pooled(1)).isEqualTo(2);
    assertThat(b.pooled(0)).isEqualTo(1);
    assertThat(b.take(1, 2)).isSameAs(x);
    assertThat(b.take(1, 2)).isSameAs(y);
    assertThat(b.take(1, 2)).isNotSameAs(x).isNotSameAs(y).isNotSameAs(z); // empty: a new one
    assertThat(b.take(0, 3)).isNotSameAs(z); // not dealt to three workers
    assertThat(b.take(0, 2)).isSameAs(z);

    for (int i = 0; i < 40; i++) {
      b.give(0, new double[2]);
    }
    assertThat(b.pooled(0)).isEqualTo(32);
    assertThat(b.pooled()).isEqualTo(UpdateBuffers.COORDINATOR_RESERVE + 8);
  }

  /**
   * A million arrays given on one thread and taken on another: each taken once, in the order given,
   * whole (the value written before the give is the value read after the take).
   */
  @Test
  void ring_oneGiverOneTaker_eachArrayOnceInOrder() throws Exception {
    UpdateBuffers b = new UpdateBuffers(1, 4096);
    b.deal(1);
    for (int i = 0; i < UpdateBuffers.COORDINATOR_RESERVE; i++) {
      b.give(0, new double[] {-1});
    }
    int n = 1_000_000;
    AtomicReference<String> outcome = new AtomicReference<>("the taker did not finish");
    Thread taker =
        new Thread(
            () -> {
              try {
                double expected = 1;
                while (expected <= n) {
                  double[] a = b.take(0, 1);
                  if (a[0] == 0) {
                    continue; // a new array: the ring was empty
                  }
                  if (a[0] != expected) {
                    outcome.set("took " + a[0] + " where " + expected + " was next");
                    return;
                  }
                  a[0] = -2; // taken: must not come back
                  expected++;
                }
                outcome.set("all taken");
              } catch (Throwable e) {
                outcome.set("the taker threw " + e);
              }
            });
    taker.setDaemon(true); // a taker left waiting must not keep the test JVM alive
    taker.start();
    long deadline = System.nanoTime() + 60_000_000_000L; // a taker stuck for a minute has failed
    for (int i = 0; i < n; i++) {
      double[] a = new double[] {i + 1};
      while (b.pooled(0) >= 4095 && taker.isAlive() && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // a full ring would leave it on this side; wait for the taker
      }
      b.give(0, a);
    }
    taker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    assertThat(outcome.get()).isEqualTo("all taken");
  }
}
