package org.decentsim.coordinator.time;

import java.util.Arrays;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * A binary min-heap of events keyed by {@code (time, seq)}, stored in parallel primitive arrays so
 * that scheduling and popping allocate nothing once the arrays have grown.
 *
 * <p>{@code seq} is a counter assigned by {@link #schedule}; two events at the same virtual time
 * therefore pop in the order they were scheduled, whatever the insertion order into the heap. This
 * is the ordering contract the whole simulator's determinism rests on.
 */
public final class EventQueue implements Checkpointable {
  private double[] time = new double[64];
  private long[] seq = new long[64];
  private byte[] kind = new byte[64];
  private int[] target = new int[64];
  private long[] aux = new long[64];
  private int size;
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
    if (size == time.length) {
      int n = size * 2;
      time = Arrays.copyOf(time, n);
      seq = Arrays.copyOf(seq, n);
      kind = Arrays.copyOf(kind, n);
      target = Arrays.copyOf(target, n);
      aux = Arrays.copyOf(aux, n);
    }
    int i = size++;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!less(at, s, time[p], seq[p])) {
        break;
      }
      move(p, i);
      i = p;
    }
    set(i, at, s, k, tgt, auxiliary);
    return s;
  }

  private static boolean less(double t1, long s1, double t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  private void move(int from, int to) {
    time[to] = time[from];
    seq[to] = seq[from];
    kind[to] = kind[from];
    target[to] = target[from];
    aux[to] = aux[from];
  }

  private void set(int i, double t, long s, EventKind k, int tgt, long a) {
    time[i] = t;
    seq[i] = s;
    kind[i] = (byte) k.ordinal();
    target[i] = tgt;
    aux[i] = a;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  public double peekTime() {
    check();
    return time[0];
  }

  public long peekSeq() {
    check();
    return seq[0];
  }

  public EventKind peekKind() {
    check();
    return EventKind.of(kind[0]);
  }

  public int peekTarget() {
    check();
    return target[0];
  }

  public long peekAux() {
    check();
    return aux[0];
  }

  /** Sequence number the next {@link #schedule} will assign. */
  public long nextSeq() {
    return nextSeq;
  }

  /** Removes the head event. */
  public void pop() {
    check();
    int last = --size;
    if (last == 0) {
      return;
    }
    double t = time[last];
    long s = seq[last];
    byte k = kind[last];
    int tg = target[last];
    long a = aux[last];
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= last) {
        break;
      }
      int c = l;
      int r = l + 1;
      if (r < last && less(time[r], seq[r], time[l], seq[l])) {
        c = r;
      }
      if (!less(time[c], seq[c], t, s)) {
        break;
      }
      move(c, i);
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    kind[i] = k;
    target[i] = tg;
    aux[i] = a;
  }

  private void check() {
    if (size == 0) {
      throw new IllegalStateException("event queue is empty");
    }
  }

  @Override
  public void saveState(StateWriter w) {
    w.writeLong(nextSeq).writeInt(size);
    for (int i = 0; i < size; i++) {
      w.writeDouble(time[i])
          .writeLong(seq[i])
          .writeInt(kind[i])
          .writeInt(target[i])
          .writeLong(aux[i]);
    }
  }

  @Override
  public void restoreState(StateReader r) {
    size = 0;
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
