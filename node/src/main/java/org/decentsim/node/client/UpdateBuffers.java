package org.decentsim.node.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Recycled update arrays of one run, so that a run in one JVM does not allocate a d-sized array per
 * event. Whoever computes an update takes an array; the coordinator gives it back once the
 * algorithm has used it.
 *
 * <p>Nothing here takes a lock. The coordinator's side (the engine giving arrays back, and the
 * shards the coordinator computes jobs with) keeps a stack of its own, used by one thread at a
 * time. Once {@link #deal} has dealt the clients to {@code w} Worker actors as {@link
 * Federation#shard} shards {@code k, k + w, ...}, each worker also has a ring of its own: the
 * coordinator gives an update array of client c, beyond a small reserve for its own jobs, to the
 * ring of worker {@code c mod w}, whose shard alone takes from it. So an array goes back to the
 * worker that will most likely need the next one, and the coordinator and the workers do not
 * contend for one lock on every event, as they did for the one synchronized pool this replaced
 * (docs/PERFORMANCE.md, "Changes of the slot-heap session").
 *
 * <p>Holds at most max(4, 64 MB / 8d) free arrays on each side, and no more than the clients or
 * 4,096; arrays beyond that are left to the garbage collector, and a side with none free allocates.
 */
public final class UpdateBuffers {
  /** At most this many bytes wait on one side (but always room for four arrays). */
  static final long MAX_POOLED_BYTES = 64L << 20;

  /** Arrays the coordinator keeps for its own jobs before it gives any to the workers. */
  static final int COORDINATOR_RESERVE = 16;

  private final int dim;
  private final int capacity;
  private final double[][] own; // the coordinator's side, a stack
  private int ownSize;
  private volatile Ring[] rings = new Ring[0];

  UpdateBuffers(int dim, int clients) {
    this.dim = dim;
    long fit = Math.max(4, MAX_POOLED_BYTES / (8L * Math.max(1, dim)));
    this.capacity = (int) Math.min(Math.min(fit, 4096), Math.max(4, clients));
    this.own = new double[capacity][];
  }

  /**
   * Gives each of {@code workers} Worker actors a ring, worker k hosting clients {@code k, k + w,
   * ...}. Called before they start, with the coordinator not yet running.
   */
  public void deal(int workers) {
    int perRing = Integer.highestOneBit(Math.max(4, capacity / Math.max(1, workers)));
    Ring[] r = new Ring[workers];
    for (int k = 0; k < workers; k++) {
      r[k] = new Ring(perRing);
    }
    rings = r;
  }

  /** The coordinator's side: an array of the model's dimension; its contents are arbitrary. */
  public double[] take() {
    if (ownSize == 0) {
      return new double[dim];
    }
    double[] a = own[--ownSize];
    own[ownSize] = null;
    return a;
  }

  /**
   * Worker {@code first} of {@code stride} dealt ones: an array from its ring, or a new one when
   * its ring is empty or the clients were not dealt that way.
   */
  public double[] take(int first, int stride) {
    Ring[] r = rings;
    double[] a = r.length == stride && first < stride ? r[first].poll() : null;
    return a != null ? a : new double[dim];
  }

  /**
   * The coordinator's side: gives back the update array of {@code client}; the caller must not
   * touch it afterwards. Arrays of another length, and arrays beyond the capacity, are left to the
   * garbage collector.
   */
  public void give(int client, double[] a) {
    if (a.length != dim) {
      return;
    }
    Ring[] r = rings;
    if (r.length > 0
        && ownSize >= COORDINATOR_RESERVE
        && r[ClientShard.dealtTo(client, r.length)].offer(a)) {
      return;
    }
    if (ownSize < own.length) {
      own[ownSize++] = a;
    }
  }

  /** Free arrays on the coordinator's side (for tests). */
  int pooled() {
    return ownSize;
  }

  /** Free arrays in worker {@code k}'s ring (for tests; only while nobody takes or gives). */
  int pooled(int k) {
    return rings[k].size();
  }

  /**
   * Arrays on their way to one worker: one thread at a time offers (the coordinator), one thread at
   * a time polls (the worker). Each side publishes its counter with release and reads the other's
   * with acquire, so an array offered is seen whole by the poll that takes it.
   */
  private static final class Ring {
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    // the offerer's and the poller's counters, each on a cache line of its own
    private static final int OFFERED = 8;
    private static final int POLLED = 24;

    private final long[] counters = new long[40];
    private final double[][] slots;
    private final int mask;

    Ring(int capacity) {
      slots = new double[capacity][];
      mask = capacity - 1;
    }

    boolean offer(double[] a) {
      long o = (long) COUNTERS.getOpaque(counters, OFFERED);
      if (o - (long) COUNTERS.getAcquire(counters, POLLED) > mask) {
        return false; // full
      }
      slots[(int) o & mask] = a;
      COUNTERS.setRelease(counters, OFFERED, o + 1);
      return true;
    }

    double[] poll() {
      long p = (long) COUNTERS.getOpaque(counters, POLLED);
      if (p == (long) COUNTERS.getAcquire(counters, OFFERED)) {
        return null; // empty
      }
      int i = (int) p & mask;
      double[] a = slots[i];
      slots[i] = null;
      COUNTERS.setRelease(counters, POLLED, p + 1);
      return a;
    }

    int size() {
      return (int)
          ((long) COUNTERS.getAcquire(counters, OFFERED)
              - (long) COUNTERS.getAcquire(counters, POLLED));
    }
  }
}
