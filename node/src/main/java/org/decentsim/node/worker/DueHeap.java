package org.decentsim.node.worker;

import java.util.Arrays;
import org.decentsim.node.heap.SlotHeap;

/**
 * Jobs waiting to be computed, earliest due first, ties in the order they were added. The event
 * queue needs results in order of their virtual due time, so a worker holding several jobs computes
 * first the one the coordinator will wait for soonest. One thread at a time uses a heap; it
 * allocates only when it grows.
 *
 * <p>The {@link SlotHeap} orders each job's due time and arrival number; the job's other parts stay
 * in its slot while it waits.
 */
final class DueHeap implements Lane.Taker {
  private final SlotHeap heap = new SlotHeap(16);
  // by slot
  private int[] clients = new int[16];
  private long[] seqs = new long[16];
  private int[] steps = new int[16];
  private Object[] refs = new Object[16];
  private long added;

  int size() {
    return heap.size();
  }

  boolean isEmpty() {
    return heap.isEmpty();
  }

  /** Adds a job from a {@link Lane}. */
  @Override
  public void take(int client, long seq, double due, int localSteps, Object ref) {
    add(due, client, seq, localSteps, ref);
  }

  void add(double due, int client, long seq, int localSteps, Object ref) {
    int slot = heap.add(due, added++);
    if (slot >= clients.length) {
      int n = heap.capacity();
      clients = Arrays.copyOf(clients, n);
      seqs = Arrays.copyOf(seqs, n);
      steps = Arrays.copyOf(steps, n);
      refs = Arrays.copyOf(refs, n);
    }
    clients[slot] = client;
    seqs[slot] = seq;
    steps[slot] = localSteps;
    refs[slot] = ref;
  }

  /** The earliest job's client (the heap is not empty). */
  int firstClient() {
    return clients[heap.firstSlot()];
  }

  long firstSeq() {
    return seqs[heap.firstSlot()];
  }

  int firstSteps() {
    return steps[heap.firstSlot()];
  }

  /** Removes the earliest job and returns its reference. */
  Object removeFirst() {
    int slot = heap.removeFirst();
    Object top = refs[slot];
    refs[slot] = null;
    return top;
  }
}
