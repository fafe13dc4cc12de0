package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LaneTest {
  private record Slot(int client, long seq, double due, int steps, Object ref) {}

  private static List<Slot> takeAll(Lane lane) {
    List<Slot> out = new ArrayList<>();
    lane.takeAll((c, s, d, k, r) -> out.add(new Slot(c, s, d, k, r)));
    return out;
  }

  @Test
  void slotsComeOutInOrder_aFullLaneRefuses_andRoomComesBackAfterATake() {
    Lane lane = new Lane(4);
    Object[] refs = {"a", "b", "c", "d", "e", "f"};
    for (int i = 0; i < 4; i++) {
      assertThat(lane.append(i, 10 + i, 0.5 * i, i + 1, refs[i])).isTrue();
    }
    assertThat(lane.append(4, 14, 2.0, 5, refs[4])).isFalse(); // full: nothing added
    assertThat(lane.isEmpty()).isFalse();
    assertThat(takeAll(lane))
        .containsExactly(
            new Slot(0, 10, 0.0, 1, "a"),
            new Slot(1, 11, 0.5, 2, "b"),
            new Slot(2, 12, 1.0, 3, "c"),
            new Slot(3, 13, 1.5, 4, "d"));
    assertThat(lane.isEmpty()).isTrue();
    assertThat(takeAll(lane)).isEmpty();
    // wraps around the ring
    assertThat(lane.append(4, 14, 2.0, 5, refs[4])).isTrue();
    assertThat(lane.append(5, 15, 2.5, 6, refs[5])).isTrue();
    assertThat(takeAll(lane))
        .containsExactly(new Slot(4, 14, 2.0, 5, "e"), new Slot(5, 15, 2.5, 6, "f"));
  }

  @Test
  void aTakenSlotNoLongerHoldsItsReference() throws Exception {
    Lane lane = new Lane(2);
    lane.append(0, 1, 0, 1, new double[] {1});
    takeAll(lane);
    java.lang.reflect.Field f = Lane.class.getDeclaredField("refs");
    f.setAccessible(true);
    assertThat((Object[]) f.get(lane)).containsOnlyNulls();
  }

  @Test
  void aTakerThatThrows_hasTakenTheSlotItThrewOn_andLeavesTheRest() {
    Lane lane = new Lane(8);
    for (int i = 0; i < 3; i++) {
      lane.append(i, i, 0, 1, null);
    }
    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                lane.takeAll(
                    (c, s, d, k, r) -> {
                      seen.add(c);
                      if (c == 1) {
                        throw new IllegalStateException("boom");
                      }
                    }))
        .hasMessage("boom");
    assertThat(seen).containsExactly(0, 1);
    assertThat(takeAll(lane)).extracting(Slot::client).containsExactly(2);
  }

  @Test
  void capacityMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new Lane(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lane(1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * One thread appends a million slots and rings after each, the other takes them and sleeps when
   * the lane is empty, as a Worker actor does: every slot arrives once, in order, and the taker is
   * never left asleep with a slot waiting (a lost wake-up would time out).
   */
  @Test
  void appenderAndTakerOnTwoThreads_everySlotArrivesInOrder_noWakeUpIsLost() throws Exception {
    int n = 1_000_000;
    Lane lane = new Lane(64);
    Doorbell bell = new Doorbell();
    Semaphore wakeUps = new Semaphore(0); // the messages a ring would send
    AtomicReference<String> failure = new AtomicReference<>();
    long[] next = {0};
    Thread taker =
        new Thread(
            () -> {
              try {
                while (next[0] < n) {
                  int got =
                      lane.takeAll(
                          (c, s, d, k, r) -> {
                            if (s != next[0] || c != (int) (s % 1000) || d != s * 0.5) {
                              failure.compareAndSet(null, "slot " + s + " when " + next[0]);
                            }
                            next[0]++;
                          });
                  if (got == 0) {
                    bell.sleep();
                    if (lane.isEmpty() || !bell.wake()) {
                      if (!wakeUps.tryAcquire(10, TimeUnit.SECONDS)) {
                        failure.compareAndSet(null, "asleep with slot " + next[0] + " waiting");
                        return;
                      }
                    }
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    taker.setDaemon(true);
    taker.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    appending:
    for (long s = 0; s < n; s++) {
      while (!lane.append((int) (s % 1000), s, s * 0.5, 1, null)) {
        if (!taker.isAlive() || System.nanoTime() > deadline) {
          break appending; // the taker failed, stopped or is stuck: the lane would never drain
        }
        Thread.onSpinWait();
      }
      if (bell.ring()) {
        wakeUps.release();
      }
    }
    taker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    assertThat(taker.isAlive()).as("the taker is still running").isFalse();
    assertThat(failure.get()).isNull();
    assertThat(next[0]).isEqualTo(n);
  }
}
