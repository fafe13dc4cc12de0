package org.decentsim.node.worker;

import java.util.Arrays;

/**
 * Jobs waiting to be computed, earliest due first, ties in the order they were added. The event
 * queue needs results in order of their virtual due time, so a worker holding several jobs computes
 * first the one the coordinator will wait for soonest. One thread at a time uses a heap; it
 * allocates only when it grows.
 */
final class DueHeap implements Lane.Taker {
  private double[] dues = new double[16];
  private long[] arrivals = new long[16];
  private int[] clients = new int[16];
  private long[] seqs = new long[16];
  private int[] steps = new int[16];
  private Object[] refs = new Object[16];
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
      dues = Arrays.copyOf(dues, 2 * n);
      arrivals = Arrays.copyOf(arrivals, 2 * n);
      clients = Arrays.copyOf(clients, 2 * n);
      seqs = Arrays.copyOf(seqs, 2 * n);
      steps = Arrays.copyOf(steps, 2 * n);
      refs = Arrays.copyOf(refs, 2 * n);
    }
    dues[n] = due;
    arrivals[n] = added++;
    clients[n] = client;
    seqs[n] = seq;
    steps[n] = localSteps;
    refs[n] = ref;
    for (int i = n; i > 0 && before(i, (i - 1) >>> 1); i = (i - 1) >>> 1) {
      swap(i, (i - 1) >>> 1);
    }
    size = n + 1;
  }

  /** The earliest job's client (the heap is not empty). */
  int firstClient() {
    return clients[0];
  }

  long firstSeq() {
    return seqs[0];
  }

  int firstSteps() {
    return steps[0];
  }

  /** Removes the earliest job and returns its reference. */
  Object removeFirst() {
    Object top = refs[0];
    int n = size - 1;
    swap(0, n);
    refs[n] = null;
    for (int i = 0; ; ) {
      int l = 2 * i + 1;
      if (l >= n) {
        break;
      }
      int c = l + 1 < n && before(l + 1, l) ? l + 1 : l;
      if (!before(c, i)) {
        break;
      }
      swap(i, c);
      i = c;
    }
    size = n;
    return top;
  }

  private boolean before(int i, int j) {
    return dues[i] < dues[j] || (dues[i] == dues[j] && arrivals[i] < arrivals[j]);
  }

  private void swap(int i, int j) {
    double d = dues[i];
    dues[i] = dues[j];
    dues[j] = d;
    long a = arrivals[i];
    arrivals[i] = arrivals[j];
    arrivals[j] = a;
    int c = clients[i];
    clients[i] = clients[j];
    clients[j] = c;
    long s = seqs[i];
    seqs[i] = seqs[j];
    seqs[j] = s;
    int k = steps[i];
    steps[i] = steps[j];
    steps[j] = k;
    Object r = refs[i];
    refs[i] = refs[j];
    refs[j] = r;
  }
}
