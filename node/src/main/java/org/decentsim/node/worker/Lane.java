package org.decentsim.node.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded ring of jobs or results between two actors of one JVM: one thread appends, one takes.
 * In one JVM the coordinator hands jobs to a Worker actor, and the worker hands results back,
 * through lanes instead of one message each; a message ({@link Doorbell}) is sent only to wake an
 * actor that has run out of work. Appending and taking allocate nothing and never wait: a full lane
 * refuses, and the caller sends that one as a message.
 *
 * <p>A slot holds a client, an event number, a due time, a number of local steps and one reference
 * (the model or compressed model a job carries; a result's update array or payload). Only the
 * fields a direction needs are read.
 */
public final class Lane {
  private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
  // the appender's and the taker's counters, each on a cache line of its own
  private static final int APPENDED = 8;
  private static final int TAKEN = 24;

  private final long[] counters = new long[40];
  private final int mask;
  private final int[] clients;
  private final long[] seqs;
  private final double[] dues;
  private final int[] steps;
  private final Object[] refs;
  private long appended; // the appender's own copy
  private long takenSeen; // the appender's last look at the taker's counter
  private long taken; // the taker's own copy

  /** What a taker does with each slot it takes, in the order they were appended. */
  public interface Taker {
    void take(int client, long seq, double due, int steps, Object ref);
  }

  /** A lane of {@code capacity} slots, a power of two. */
  public Lane(int capacity) {
    if (capacity < 2 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "a lane's capacity is a power of two >= 2, got " + capacity);
    }
    this.mask = capacity - 1;
    this.clients = new int[capacity];
    this.seqs = new long[capacity];
    this.dues = new double[capacity];
    this.steps = new int[capacity];
    this.refs = new Object[capacity];
  }

  /**
   * Appender: adds a slot, visible to the taker once this returns.
   *
   * @return false when the lane is full; nothing was added
   */
  public boolean append(int client, long seq, double due, int localSteps, Object ref) {
    long a = appended;
    if (a - takenSeen > mask) {
      takenSeen = (long) COUNTERS.getAcquire(counters, TAKEN);
      if (a - takenSeen > mask) {
        return false;
      }
    }
    int i = (int) a & mask;
    clients[i] = client;
    seqs[i] = seq;
    dues[i] = due;
    steps[i] = localSteps;
    refs[i] = ref;
    appended = a + 1;
    COUNTERS.setRelease(counters, APPENDED, a + 1);
    return true;
  }

  /**
   * Taker: hands every slot appended so far to {@code taker}, oldest first, and returns how many.
   * If {@code taker} throws, the slots after the one it threw on stay in the lane.
   */
  public int takeAll(Taker taker) {
    long t = taken;
    long end = (long) COUNTERS.getAcquire(counters, APPENDED);
    if (t == end) {
      return 0;
    }
    try {
      for (long s = t; s < end; s++) {
        int i = (int) s & mask;
        Object ref = refs[i];
        refs[i] = null; // the lane must not keep a snapshot or an update alive
        taken = s + 1; // a taker that throws has taken this slot, and none after it
        taker.take(clients[i], seqs[i], dues[i], steps[i], ref);
      }
    } finally {
      COUNTERS.setRelease(counters, TAKEN, taken);
    }
    return (int) (end - t);
  }

  /**
   * Taker: whether nothing is left to take. A full fence comes first, so that a taker that has just
   * said it sleeps ({@link Doorbell#sleep}) sees every slot appended before the appender looked at
   * the bell.
   */
  public boolean isEmpty() {
    VarHandle.fullFence();
    return (long) COUNTERS.getVolatile(counters, APPENDED) == taken;
  }
}
