package org.decentsim.node.random;

import java.util.Arrays;
import java.util.Objects;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The streams {@code (name, 0)} to {@code (name, size - 1)} of a {@link Streams}, kept as one long
 * per index instead of one {@link Rng} object each.
 *
 * <p>Per-client streams are drawn from on nearly every event, each for a different client. As
 * objects they cost a pointer, an object of their own in a scattered place of the heap and an
 * allocation on first use; here a client's stream is one slot of an array (80 KB for 10,000
 * clients), with nothing allocated.
 *
 * <p>A slot holds how far the stream has moved from its first state (a multiple of the generator's
 * increment), so an untouched slot is zero and needs no marker: streams nobody drew from are
 * indistinguishable from streams never created, also in a checkpoint. The array itself is made at
 * the first store, so a table nobody draws from (fixed local steps, constant compute noise) costs
 * nothing per index.
 *
 * <p>Use: {@code Rng r = table.load(i, cursor)}, draw from {@code r}, then {@code table.store(i,
 * r)}. The cursor is a generator the caller owns and reuses. A table belongs to one thread: it
 * makes its array on first use, and eight slots share a cache line, so threads storing to
 * neighbouring indices would contend for it (the clients' batch streams, drawn on the workers'
 * threads, stay {@link Rng} objects for that reason).
 */
public final class RngTable {
  private final long nameBase;
  private final int size;
  private long[] moved; // null until the first store

  /** The streams {@code (name, 0 .. size - 1)} of {@code streams}, none drawn from yet. */
  public RngTable(Streams streams, String name, int size) {
    this.nameBase = streams.nameBase(name);
    this.size = size;
  }

  /** Sets {@code cursor} to stream {@code i}'s current state and returns it. */
  public Rng load(int i, Rng cursor) {
    Objects.checkIndex(i, size);
    cursor.setState(Streams.indexSeed(nameBase, i) + (moved == null ? 0 : moved[i]));
    return cursor;
  }

  /** Records {@code cursor}'s state, loaded with {@link #load} and drawn from, as stream i's. */
  public void store(int i, Rng cursor) {
    Objects.checkIndex(i, size);
    if (moved == null) {
      moved = new long[size];
    }
    moved[i] = cursor.state() - Streams.indexSeed(nameBase, i);
  }

  /** Writes the streams that have moved, in the format of {@link Rngs#save}. */
  public void save(StateWriter w) {
    int used = 0;
    for (int i = 0; moved != null && i < size; i++) {
      if (moved[i] != 0) {
        used++;
      }
    }
    w.writeInt(size).writeInt(used);
    for (int i = 0; moved != null && i < size; i++) {
      if (moved[i] != 0) {
        w.writeInt(i).writeLong(Streams.indexSeed(nameBase, i) + moved[i]);
      }
    }
  }

  /** Restores streams written by {@link #save} or {@link Rngs#save} for the same name and size. */
  public void restore(StateReader r) {
    int n = r.readInt();
    if (n != size) {
      throw new IllegalStateException("checkpoint has " + n + " streams, expected " + size);
    }
    if (moved != null) {
      Arrays.fill(moved, 0);
    }
    int used = r.readInt();
    for (int k = 0; k < used; k++) {
      int i = r.readInt();
      if (i < 0 || i >= size) {
        throw new IllegalStateException("corrupt checkpoint state: stream " + i);
      }
      if (moved == null) {
        moved = new long[size];
      }
      moved[i] = r.readLong() - Streams.indexSeed(nameBase, i);
    }
  }
}
