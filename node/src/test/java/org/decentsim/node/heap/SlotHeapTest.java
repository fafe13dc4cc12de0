package org.decentsim.node.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotHeapTest {
  /**
   * Entries added with their ties out of order and removed at random times: each removal gives the
   * least (time, tie) still in, with the slot handed out for it, and no slot is held by two entries
   * at once or lies at or beyond the capacity.
   */
  @Test
  void randomAddsAndRemovals_leastFirst_slotsNeverShared() {
    Random r = new Random(11);
    SlotHeap heap = new SlotHeap(1);
    List<long[]> in = new ArrayList<>(); // {time * 2 as a long, tie, slot}
    BitSet used = new BitSet();
    List<Long> ties = new ArrayList<>();
    for (long t = 0; t < 12_000; t++) {
      ties.add(t);
    }
    Collections.shuffle(ties, r);
    int next = 0;
    for (int op = 0; op < 20_000; op++) {
      if (in.isEmpty() || (next < ties.size() && r.nextInt(100) < 60)) {
        long half = r.nextInt(6);
        long tie = ties.get(next++);
        int slot = heap.add(half / 2.0, tie);
        assertThat(used.get(slot)).as("slot %d handed out twice", slot).isFalse();
        assertThat(slot).isBetween(0, heap.capacity() - 1);
        used.set(slot);
        in.add(new long[] {half, tie, slot});
      } else {
        long[] least =
            Collections.min(
                in, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        assertThat(heap.firstTime()).isEqualTo(least[0] / 2.0);
        assertThat(heap.firstTie()).isEqualTo(least[1]);
        assertThat(heap.firstSlot()).isEqualTo((int) least[2]);
        assertThat(heap.removeFirst()).isEqualTo((int) least[2]);
        used.clear((int) least[2]);
        in.remove(least);
      }
      assertThat(heap.size()).isEqualTo(in.size());
    }
    assertThat(heap.capacity()).isGreaterThanOrEqualTo(heap.size());
  }

  @Test
  void heapOrderAccessors_andClear() {
    SlotHeap heap = new SlotHeap(4);
    heap.add(2.0, 5);
    heap.add(1.0, 9);
    heap.add(1.0, 3);
    assertThat(heap.timeAt(0)).isEqualTo(1.0);
    assertThat(heap.tieAt(0)).isEqualTo(3);
    assertThat(heap.slotAt(0)).isEqualTo(2);
    for (int i = 1; i < heap.size(); i++) {
      int parent = (i - 1) / 2;
      assertThat(heap.timeAt(parent)).isLessThanOrEqualTo(heap.timeAt(i));
    }
    heap.clear();
    assertThat(heap.isEmpty()).isTrue();
    assertThat(heap.add(7.0, 1)).as("every slot is free after clear").isZero();
  }

  @Test
  void capacityBelowOne_isRefused() {
    assertThatThrownBy(() -> new SlotHeap(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
