package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DueHeapTest {
  private record Job(double due, long arrival, int client, long seq, int steps, String ref) {}

  /**
   * Random adds and removals (few distinct due times, so many ties), against a priority queue
   * ordered by due time and then arrival: the same jobs come out in the same order, with their
   * parts, while slots are reused and the heap grows.
   */
  @Test
  void randomAddsAndRemovals_matchAQueueByDueThenArrival() {
    Random r = new Random(7);
    DueHeap heap = new DueHeap();
    PriorityQueue<Job> want =
        new PriorityQueue<>(Comparator.comparingDouble(Job::due).thenComparingLong(Job::arrival));
    long arrivals = 0;
    for (int op = 0; op < 20_000; op++) {
      if (want.isEmpty() || r.nextInt(100) < 55) {
        Job j =
            new Job(
                r.nextInt(8) * 0.5,
                arrivals++,
                r.nextInt(1000),
                r.nextLong(),
                r.nextInt(9),
                "r" + op);
        heap.add(j.due(), j.client(), j.seq(), j.steps(), j.ref());
        want.add(j);
      } else {
        Job j = want.poll();
        assertThat(heap.firstClient()).isEqualTo(j.client());
        assertThat(heap.firstSeq()).isEqualTo(j.seq());
        assertThat(heap.firstSteps()).isEqualTo(j.steps());
        assertThat(heap.removeFirst()).isEqualTo(j.ref());
      }
      assertThat(heap.size()).isEqualTo(want.size());
    }
    while (!want.isEmpty()) {
      assertThat(heap.removeFirst()).isEqualTo(want.poll().ref());
    }
    assertThat(heap.isEmpty()).isTrue();
  }
}
