package org.decentsim.coordinator.time;

import java.util.Arrays;
import org.decentsim.node.heap.SlotHeap;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The events of a run, keyed by {@code (time, seq)}: a {@link SlotHeap} orders each event's time
 * and sequence number, and its kind, target and auxiliary value stay in its slot. Scheduling and
 * popping allocate nothing once the arrays have grown.
 *
 * <p>{@code seq} is a counter assigned by {@link #schedule}; two events at the same virtual time
 * therefore pop in the order they were scheduled, whatever the insertion order into the heap. This
 * is the ordering contract the whole simulator's determinism rests on.
 */
public final class EventQueue implements Checkpointable {
  private final SlotHeap heap = new SlotHeap(64);
  // by slot
  private byte[] kind = new byte[64];
  private int[] target = new int[64];
  private long[] aux = new long[64];
  private long nextSeq;

  /**
   * Schedules an event and returns its sequence number.
   *
   * @param at virtual seconds; must be finite
   * @param target the client or timer the event concerns
   * @param auxiliary a value the engine attaches (e.g. the job an ARRIVED event completes)
   */
  public long schedule(double at, EventKind k, int target, long auxiliary) {
    if (!Double.isFinite(at)) {
      throw new IllegalArgumentException("event time must be finite, got " + at);
    }
    return insert(at, nextSeq++, k, target, auxiliary);
  }

  /** Inserts an event with a given sequence number (for tests and checkpoints). */
  long insert(double at, long s, EventKind k, int tgt, long auxiliary) {
    int slot = heap.add(at, s);
    if (slot >= kind.length) {
      int n = heap.capacity();
      kind = Arrays.copyOf(kind, n);
      target = Arrays.copyOf(target, n);
      aux = Arrays.copyOf(aux, n);
    }
    kind[slot] = (byte) k.ordinal();
    target[slot] = tgt;
    aux[slot] = auxiliary;
    return s;
  }

  public boolean isEmpty() {
    return heap.isEmpty();
  }

  public int size() {
    return heap.size();
  }

  public double peekTime() {
    check();
    return heap.firstTime();
  }

  public long peekSeq() {
    check();
    return heap.firstTie();
  }

  public EventKind peekKind() {
    check();
    return EventKind.of(kind[heap.firstSlot()]);
  }

  public int peekTarget() {
    check();
    return target[heap.firstSlot()];
  }

  public long peekAux() {
    check();
    return aux[heap.firstSlot()];
  }

  /** Sequence number the next {@link #schedule} will assign. */
  public long nextSeq() {
    return nextSeq;
  }

  /** Removes the head event. */
  public void pop() {
    check();
    heap.removeFirst();
  }

  private void check() {
    if (heap.isEmpty()) {
      throw new IllegalStateException("event queue is empty");
    }
  }

  /** Writes the events in heap order, which {@link #restoreState} inserting them in turn keeps. */
  @Override
  public void saveState(StateWriter w) {
    int size = heap.size();
    w.writeLong(nextSeq).writeInt(size);
    for (int i = 0; i < size; i++) {
      int slot = heap.slotAt(i);
      w.writeDouble(heap.timeAt(i))
          .writeLong(heap.tieAt(i))
          .writeInt(kind[slot])
          .writeInt(target[slot])
          .writeLong(aux[slot]);
    }
  }

  @Override
  public void restoreState(StateReader r) {
    heap.clear();
    nextSeq = r.readLong();
    int n = r.readInt();
    for (int i = 0; i < n; i++) {
      double t = r.readDouble();
      long s = r.readLong();
      EventKind k = EventKind.of(r.readInt());
      insert(t, s, k, r.readInt(), r.readLong());
    }
  }
}
