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
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long seed;
  private final long seedMix;

  /** A name with its hash (immutable, so slots of the cache below may be read without locks). */
  private record Named(String name, long hash) {}

  // the hashes of recently used names, by String.hashCode: streams of a few names are created per
  // client on first use, which then costs no UTF-8 encoding and no allocation beyond the Rng
  private final Named[] names = new Named[16];

  /** Streams of the master seed {@code seed}. */
  public Streams(long seed) {
    this.seed = seed;
    this.seedMix = mix64(seed ^ GOLDEN_GAMMA);
  }

  public long seed() {
    return seed;
  }

  /** A new generator for stream {@code (name, index)}; each call returns a fresh, equal stream. */
  public Rng stream(String name, long index) {
    int slot = name.hashCode() & (names.length - 1);
    Named n = names[slot];
    if (n == null || !n.name().equals(name)) {
      n = new Named(name, nameHash(name));
      names[slot] = n;
    }
    return new Rng(mix(seedMix, n.hash(), index));
  }

  /**
   * The part of the seed of every stream {@code (name, i)} that does not depend on {@code i}: the
   * seed of stream {@code (name, i)} is {@code indexSeed(nameBase(name), i)}.
   */
  long nameBase(String name) {
    return mix64(seedMix ^ nameHash(name));
  }

  /** The seed of stream {@code (name, index)}, from {@link #nameBase}{@code (name)}. */
  static long indexSeed(long nameBase, long index) {
    return mix64(nameBase + index * GOLDEN_GAMMA);
  }

  /** The 64-bit seed of stream {@code (name, index)} under master seed {@code seed}. */
  public static long derive(long seed, String name, long index) {
    return mix(mix64(seed ^ GOLDEN_GAMMA), nameHash(name), index);
  }

  /** 64-bit FNV-1a of the name's UTF-8 bytes. */
  private static long nameHash(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long seedMix, long nameHash, long index) {
    return indexSeed(mix64(seedMix ^ nameHash), index);
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
