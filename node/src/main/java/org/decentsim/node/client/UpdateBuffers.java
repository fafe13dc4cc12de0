package org.decentsim.node.client;

/**
 * Recycled update arrays of one run: a worker takes one for each update it computes, and the
 * coordinator gives it back once the algorithm has used the update, so that a run in one JVM does
 * not allocate a d-sized array per event. Holds at most max(4, 64 MB / 8d) free arrays, and no more
 * than the clients or 4,096; thread-safe.
 */
public final class UpdateBuffers {
  /** At most this many bytes wait in a pool (but always room for four arrays). */
  static final long MAX_POOLED_BYTES = 64L << 20;

  private final int dim;
  private final double[][] free;
  private int size;

  UpdateBuffers(int dim, int clients) {
    this.dim = dim;
    long fit = Math.max(4, MAX_POOLED_BYTES / (8L * Math.max(1, dim)));
    this.free = new double[(int) Math.min(Math.min(fit, 4096), Math.max(4, clients))][];
  }

  /** An array of the model's dimension; its contents are arbitrary. */
  public synchronized double[] take() {
    if (size == 0) {
      return new double[dim];
    }
    double[] a = free[--size];
    free[size] = null;
    return a;
  }

  /**
   * Gives {@code a} back for reuse; the caller must not touch it afterwards. Arrays of another
   * length, and arrays beyond the capacity, are left to the garbage collector.
   */
  public synchronized void give(double[] a) {
    if (a.length == dim && size < free.length) {
      free[size++] = a;
    }
  }

  /** Free arrays waiting (for tests). */
  synchronized int pooled() {
    return size;
  }
}
