package org.decentsim.node.random;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent, reproducible generators from {@code (seed, name, index)} (DESIGN.md §4).
 *
 * <p>The derivation hashes the UTF-8 bytes of the name (64-bit FNV-1a) and mixes it with the seed
 * and the index through the SplitMix64 finaliser, so streams with different names or indices are
 * statistically unrelated and the derivation does not depend on the JVM or on hash-ordered
 * collections.
 */
public final class Streams {
  private final long seed;

  /** Streams of the master seed {@code seed}. */
  public Streams(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** A new generator for stream {@code (name, index)}; each call returns a fresh, equal stream. */
  public Rng stream(String name, long index) {
    return new Rng(derive(seed, name, index));
  }

  /** The 64-bit seed of stream {@code (name, index)} under master seed {@code seed}. */
  public static long derive(long seed, String name, long index) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    long x = mix64(seed ^ 0x9e3779b97f4a7c15L);
    x = mix64(x ^ h);
    x = mix64(x + index * 0x9e3779b97f4a7c15L);
    return x;
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
