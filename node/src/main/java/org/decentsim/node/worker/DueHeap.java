package org.decentsim.node.worker;

import java.util.Arrays;

/**
 * Jobs waiting to be computed, earliest due first, ties in the order they were added. The event
 * queue needs results in order of their virtual due time, so a worker holding several jobs computes
 * first the one the coordinator will wait for soonest. One thread at a time uses a heap; it
 * allocates only when it grows.
 *
 * <p>The heap orders only each job's due time, arrival number and slot; the job's other parts stay
 * in their slot while it waits, so moving a job up or down the heap moves three numbers.
 */
final class DueHeap implements Lane.Taker {
  // in heap order
  private double[] dues = new double[16];
  private long[] arrivals = new long[16];
  private int[] slots = new int[16];
  // by slot
  private int[] clients = new int[16];
  private long[] seqs = new long[16];
  private int[] steps = new int[16];
  private Object[] refs = new Object[16];
  private int[] free = new int[16]; // slots not in use, on top the last freed
  private int freeCount;
  private long added;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds a job from a {@link Lane}. */
  @Override
  public void take(int client, long seq, double due, int localSteps, Object ref) {
    add(due, client, seq, localSteps, ref);
  }

  void add(double due, int client, long seq, int localSteps, Object ref) {
    int n = size;
    if (n == dues.length) {
      grow();
    }
    int slot = freeCount > 0 ? free[--freeCount] : n; // with no slot free, slots 0..n-1 are in use
    clients[slot] = client;
    seqs[slot] = seq;
    steps[slot] = localSteps;
    refs[slot] = ref;
    long arrival = added++;
    int i = n;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!earlier(due, arrival, dues[parent], arrivals[parent])) {
        break;
      }
      place(i, parent);
      i = parent;
    }
    put(i, due, arrival, slot);
    size = n + 1;
  }

  /** The earliest job's client (the heap is not empty). */
  int firstClient() {
    return clients[slots[0]];
  }

  long firstSeq() {
    return seqs[slots[0]];
  }

  int firstSteps() {
    return steps[slots[0]];
  }

  /** Removes the earliest job and returns its reference. */
  Object removeFirst() {
    int slot = slots[0];
    Object top = refs[slot];
    refs[slot] = null;
    free[freeCount++] = slot;
    int n = --size;
    if (n > 0) {
      double due = dues[n];
      long arrival = arrivals[n];
      int last = slots[n];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && earlier(dues[c + 1], arrivals[c + 1], dues[c], arrivals[c])) {
          c++;
        }
        if (!earlier(dues[c], arrivals[c], due, arrival)) {
          break;
        }
        place(i, c);
        i = c;
      }
      put(i, due, arrival, last);
    }
    return top;
  }

  /** Whether a job due at {@code dueA}, added {@code arrivalA}-th, comes before the other. */
  private static boolean earlier(double dueA, long arrivalA, double dueB, long arrivalB) {
    return dueA < dueB || (dueA == dueB && arrivalA < arrivalB);
  }

  /** Moves entry {@code from} to position {@code to}. */
  private void place(int to, int from) {
    dues[to] = dues[from];
    arrivals[to] = arrivals[from];
    slots[to] = slots[from];
  }

  /** Puts a job due at {@code due}, added {@code arrival}-th, in slot {@code slot} at {@code i}. */
  private void put(int i, double due, long arrival, int slot) {
    dues[i] = due;
    arrivals[i] = arrival;
    slots[i] = slot;
  }

  private void grow() {
    int n = 2 * dues.length;
    dues = Arrays.copyOf(dues, n);
    arrivals = Arrays.copyOf(arrivals, n);
    slots = Arrays.copyOf(slots, n);
    clients = Arrays.copyOf(clients, n);
    seqs = Arrays.copyOf(seqs, n);
    steps = Arrays.copyOf(steps, n);
    refs = Arrays.copyOf(refs, n);
    free = Arrays.copyOf(free, n);
  }
}
