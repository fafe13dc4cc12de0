package org.decentsim.coordinator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private record E(double time, long seq) {}

  private static List<E> drain(EventQueue q) {
    List<E> out = new ArrayList<>();
    while (!q.isEmpty()) {
      out.add(new E(q.peekTime(), q.peekSeq()));
      q.pop();
    }
    return out;
  }

  @Test
  void pop_sameEventsInsertedInShuffledOrders_identicalPopOrder() {
    List<E> events = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      events.add(new E((i * 7919) % 50 / 4.0, i)); // many ties in time
    }
    List<E> first = null;
    for (int trial = 0; trial < 5; trial++) {
      List<E> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(trial));
      EventQueue q = new EventQueue();
      for (E e : shuffled) {
        q.insert(e.time(), e.seq(), EventKind.TIMER, 0, 0);
      }
      List<E> popped = drain(q);
      if (first == null) {
        first = popped;
      }
      assertThat(popped).isEqualTo(first);
    }
    for (int i = 1; i < first.size(); i++) {
      E a = first.get(i - 1);
      E b = first.get(i);
      assertThat(a.time() < b.time() || (a.time() == b.time() && a.seq() < b.seq())).isTrue();
    }
  }

  @Test
  void schedule_tiesInTime_popInSchedulingOrder() {
    EventQueue q = new EventQueue();
    long s0 = q.schedule(1.0, EventKind.COMPUTED, 5, 0);
    long s1 = q.schedule(0.5, EventKind.TIMER, 6, 0);
    long s2 = q.schedule(1.0, EventKind.ARRIVED, 7, 42);
    assertThat(q.peekSeq()).isEqualTo(s1);
    q.pop();
    assertThat(q.peekSeq()).isEqualTo(s0);
    assertThat(q.peekKind()).isEqualTo(EventKind.COMPUTED);
    q.pop();
    assertThat(q.peekSeq()).isEqualTo(s2);
    assertThat(q.peekTarget()).isEqualTo(7);
    assertThat(q.peekAux()).isEqualTo(42);
  }

  /**
   * A queue part popped, its slots reused, saved and restored: the restored queue saves the same
   * bytes and pops the same events, with their kinds, targets and auxiliary values.
   */
  @Test
  void checkpoint_restoredQueue_savesTheSameBytesAndPopsTheSameEvents() {
    Random r = new Random(5);
    EventQueue q = new EventQueue();
    for (int i = 0; i < 300; i++) {
      q.schedule(r.nextInt(40) / 4.0, EventKind.values()[i % EventKind.values().length], i, 7L * i);
      if (i % 3 == 0) {
        q.pop();
      }
    }
    StateWriter w = new StateWriter();
    q.saveState(w);
    byte[] saved = w.toByteArray();
    EventQueue restored = new EventQueue();
    restored.schedule(1.0, EventKind.TIMER, 0, 0); // replaced by the restore
    restored.restoreState(new StateReader(saved));
    StateWriter again = new StateWriter();
    restored.saveState(again);
    assertThat(again.toByteArray()).isEqualTo(saved);
    assertThat(restored.nextSeq()).isEqualTo(q.nextSeq());
    while (!q.isEmpty()) {
      assertThat(restored.peekSeq()).isEqualTo(q.peekSeq());
      assertThat(restored.peekTime()).isEqualTo(q.peekTime());
      assertThat(restored.peekKind()).isEqualTo(q.peekKind());
      assertThat(restored.peekTarget()).isEqualTo(q.peekTarget());
      assertThat(restored.peekAux()).isEqualTo(q.peekAux());
      q.pop();
      restored.pop();
    }
    assertThat(restored.isEmpty()).isTrue();
  }
}
