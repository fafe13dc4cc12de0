package org.decentsim.node.heap;

import java.util.Arrays;

/**
 * A binary min-heap of entries keyed by {@code (time, tie)}: the earliest time first, equal times
 * in increasing {@code tie}. Each entry owns a slot, a small index its owner keeps the entry's
 * other parts at in arrays of its own; moving an entry up or down the heap moves its time, tie and
 * slot, never those parts. A slot is in use from the {@link #add} that hands it out to the {@link
 * #removeFirst} that returns it, and is then handed out again. Slots are below {@link #capacity()},
 * so an owner that sizes its arrays to the capacity after each add never indexes past them.
 *
 * <p>One thread at a time uses a heap; it allocates only when it grows. With ties unique (a
 * counter, as both users keep), the order in which entries come out depends on the entries alone,
 * not on the order they were added in: the contract the simulator's determinism rests on.
 */
public final class SlotHeap {
  // in heap order
  private double[] times;
  private long[] ties;
  private int[] slots;
  private int[] free; // slots not in use, the last freed on top
  private int freeCount;
  private int size;

  /** A heap with room for {@code initialCapacity} entries before it grows. */
  public SlotHeap(int initialCapacity) {
    if (initialCapacity < 1) {
      throw new IllegalArgumentException("initial capacity must be >= 1, got " + initialCapacity);
    }
    times = new double[initialCapacity];
    ties = new long[initialCapacity];
    slots = new int[initialCapacity];
    free = new int[initialCapacity];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Entries the heap holds before it grows; every slot handed out is below it. */
  public int capacity() {
    return times.length;
  }

  /** Adds an entry and returns the slot for its other parts. */
  public int add(double time, long tie) {
    int n = size;
    if (n == times.length) {
      grow();
    }
    int slot = freeCount > 0 ? free[--freeCount] : n; // with no slot free, slots 0..n-1 are in use
    int i = n;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!earlier(time, tie, times[parent], ties[parent])) {
        break;
      }
      place(i, parent);
      i = parent;
    }
    put(i, time, tie, slot);
    size = n + 1;
    return slot;
  }

  /** The earliest entry's time (the heap is not empty). */
  public double firstTime() {
    return times[0];
  }

  public long firstTie() {
    return ties[0];
  }

  public int firstSlot() {
    return slots[0];
  }

  /**
   * Removes the earliest entry (the heap is not empty) and returns its slot, free from now on: the
   * next {@link #add} may hand it out again.
   */
  public int removeFirst() {
    int first = slots[0];
    free[freeCount++] = first;
    int n = --size;
    if (n > 0) {
      double time = times[n];
      long tie = ties[n];
      int last = slots[n];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= n) {
          break;
        }
        if (c + 1 < n && earlier(times[c + 1], ties[c + 1], times[c], ties[c])) {
          c++;
        }
        if (!earlier(times[c], ties[c], time, tie)) {
          break;
        }
        place(i, c);
        i = c;
      }
      put(i, time, tie, last);
    }
    return first;
  }

  /** The time of the entry at heap position {@code i} (0 to size - 1; 0 is the earliest). */
  public double timeAt(int i) {
    return times[i];
  }

  public long tieAt(int i) {
    return ties[i];
  }

  public int slotAt(int i) {
    return slots[i];
  }

  /** Removes every entry; every slot is free again. */
  public void clear() {
    size = 0;
    freeCount = 0;
  }

  /** Whether an entry at {@code timeA} with tie {@code tieA} comes before the other. */
  private static boolean earlier(double timeA, long tieA, double timeB, long tieB) {
    return timeA < timeB || (timeA == timeB && tieA < tieB);
  }

  /** Moves entry {@code from} to position {@code to}. */
  private void place(int to, int from) {
    times[to] = times[from];
    ties[to] = ties[from];
    slots[to] = slots[from];
  }

  private void put(int i, double time, long tie, int slot) {
    times[i] = time;
    ties[i] = tie;
    slots[i] = slot;
  }

  private void grow() {
    int n = 2 * times.length;
    times = Arrays.copyOf(times, n);
    ties = Arrays.copyOf(ties, n);
    slots = Arrays.copyOf(slots, n);
    free = Arrays.copyOf(free, n);
  }
}
