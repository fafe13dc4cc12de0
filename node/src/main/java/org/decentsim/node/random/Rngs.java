package org.decentsim.node.random;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/** Checkpointing of arrays of lazily created streams (null where a stream was never used). */
public final class Rngs {
  private Rngs() {}

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
