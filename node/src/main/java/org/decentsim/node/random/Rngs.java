package org.decentsim.node.random;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * Arrays of lazily created streams, one per index (null where a stream was never used): creation on
 * first use and checkpointing.
 */
public final class Rngs {
  private Rngs() {}

  /** Stream {@code (name, i)} of {@code streams}, created in {@code cache[i]} on first use. */
  public static Rng get(Rng[] cache, Streams streams, String name, int i) {
    Rng r = cache[i];
    if (r == null) {
      r = streams.stream(name, i);
      cache[i] = r;
    }
    return r;
  }

  public static void save(StateWriter w, Rng[] rngs) {
    int used = 0;
    for (Rng r : rngs) {
      if (r != null) {
        used++;
      }
    }
    w.writeInt(rngs.length).writeInt(used);
    for (int i = 0; i < rngs.length; i++) {
      if (rngs[i] != null) {
        w.writeInt(i).writeLong(rngs[i].state());
      }
    }
  }

  /** Restores into {@code rngs} (modified), which must have the saved length. */
  public static void restore(StateReader r, Rng[] rngs) {
    int n = r.readInt();
    if (n != rngs.length) {
      throw new IllegalStateException("checkpoint has " + n + " streams, expected " + rngs.length);
    }
    java.util.Arrays.fill(rngs, null);
    int used = r.readInt();
    for (int k = 0; k < used; k++) {
      int i = r.readInt();
      rngs[i] = new Rng(r.readLong());
    }
  }
}
