package org.decentsim.node.random;

/**
 * The SplitMix64 generator of {@link java.util.SplittableRandom} (Steele, Lea and Flood 2014), with
 * the same outputs for the same seed, but whose state can be read and restored, so that a
 * checkpoint can capture every stream of a run.
 *
 * <p>Not thread-safe: each stream belongs to one owner.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private long state;

  /** A generator whose outputs equal {@code new Rng(seed)}'s. */
  public Rng(long seed) {
    this.state = seed;
  }

  /** The current state; {@code new Rng(state())} continues with the same draws. */
  public long state() {
    return state;
  }

  /** Restores a state read with {@link #state()}. */
  public void setState(long s) {
    state = s;
  }

  /**
   * Moves the stream {@code n} draws ahead, as if {@code n} values of {@link #nextLong}, {@link
   * #nextInt()} or {@link #nextDouble} had been taken (each consumes exactly one draw).
   */
  public void skip(long n) {
    state += n * GOLDEN_GAMMA;
  }

  private long nextSeed() {
    return state += GOLDEN_GAMMA;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }

  public long nextLong() {
    return mix64(nextSeed());
  }

  public int nextInt() {
    return mix32(nextSeed());
  }

  /** Uniform in {@code [0, bound)}, without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // rejection of the biased tail
    }
    return r;
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
