package org.decentsim.node.random;

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
 * r)}. The cursor is a generator the caller owns and reuses. A table belongs to one thread at a
 * time: it makes its array on first use, and eight slots share a cache line, so threads storing to
 * neighbouring slots would contend for it. The clients' batch streams, drawn on the workers'
 * threads, are therefore kept in one table per shard ({@code (name, first + i * stride)}), not in
 * one table of all clients, where a client's neighbours belong to other shards.
 */
public final class RngTable {
  private final long nameBase;
  private final int first;
  private final int stride;
  private final int size;
  private long[] moved; // null until the first store
  private int offset; // slot i is moved[offset + i * rowLength]
  private int rowLength = 1;
  private boolean kept; // moved is an array of another's rows (keepIn)

  /** The streams {@code (name, 0 .. size - 1)} of {@code streams}, none drawn from yet. */
  public RngTable(Streams streams, String name, int size) {
    this(streams, name, 0, 1, size);
  }

  /**
   * The streams {@code (name, first + i * stride)} for slots {@code i = 0 .. size - 1}, none drawn
   * from yet: the streams of the clients one shard hosts, in a table of the shard's own.
   */
  public RngTable(Streams streams, String name, int first, int stride, int size) {
    if (first < 0 || stride < 1 || size < 0) {
      throw new IllegalArgumentException(
          "bad stream table: first " + first + ", stride " + stride + ", size " + size);
    }
    this.nameBase = streams.nameBase(name);
    this.first = first;
    this.stride = stride;
    this.size = size;
  }

  /**
   * Keeps the slots from now on in {@code rows}, an array the caller owns: slot i in {@code
   * rows[offset + i * rowLength]}, which gets its current value. A caller that reads other
   * per-index values right after drawing from slot i keeps them in the same row: one cache miss
   * instead of two once the rows outgrow the core's cache. Those places must hold zeros, and
   * nothing else may write to them. A table moves once: two owners would share its slots.
   */
  public void keepIn(long[] rows, int offset, int rowLength) {
    if (kept) {
      throw new IllegalStateException("this stream table is already kept in another's rows");
    }
    if (rowLength < 1 || offset < 0) {
      throw new IllegalArgumentException("offset " + offset + ", rows of " + rowLength);
    }
    if (size > 0 && offset + (long) (size - 1) * rowLength >= rows.length) {
      throw new IllegalArgumentException(
          rows.length + " longs hold fewer than " + size + " rows of " + rowLength);
    }
    for (int i = 0; i < size; i++) {
      if (rows[offset + i * rowLength] != 0) {
        throw new IllegalArgumentException("row " + i + " of the table is not zero");
      }
    }
    for (int i = 0; moved != null && i < size; i++) {
      rows[offset + i * rowLength] = moved[at(i)];
    }
    this.moved = rows;
    this.offset = offset;
    this.rowLength = rowLength;
    this.kept = true;
  }

  /** The number of slots. */
  public int size() {
    return size;
  }

  /** The stream index of slot {@code i}. */
  public long index(int i) {
    return first + (long) i * stride;
  }

  /** Sets {@code cursor} to the current state of slot {@code i}'s stream and returns it. */
  public Rng load(int i, Rng cursor) {
    cursor.setState(state(i));
    return cursor;
  }

  /** Records {@code cursor}'s state, loaded with {@link #load} and drawn from, as slot i's. */
  public void store(int i, Rng cursor) {
    setState(i, cursor.state());
  }

  /** The current state of slot {@code i}'s stream. */
  public long state(int i) {
    Objects.checkIndex(i, size);
    return Streams.indexSeed(nameBase, index(i)) + (moved == null ? 0 : moved[at(i)]);
  }

  /** Sets the state of slot {@code i}'s stream (its first state makes the slot untouched). */
  public void setState(int i, long state) {
    Objects.checkIndex(i, size);
    if (moved == null) {
      moved = new long[size];
    }
    moved[at(i)] = state - Streams.indexSeed(nameBase, index(i));
  }

  /** Puts slot {@code i}'s stream back at its first state. */
  public void clear(int i) {
    Objects.checkIndex(i, size);
    if (moved != null) {
      moved[at(i)] = 0;
    }
  }

  /** True when slot {@code i}'s stream is not at its first state. */
  public boolean moved(int i) {
    Objects.checkIndex(i, size);
    return moved != null && moved[at(i)] != 0;
  }

  /**
   * Writes the streams that have moved, in the format of {@link Rngs#save}; only for a table of the
   * streams {@code 0 .. size - 1}.
   */
  public void save(StateWriter w) {
    requireWhole();
    int used = 0;
    for (int i = 0; moved != null && i < size; i++) {
      if (moved[at(i)] != 0) {
        used++;
      }
    }
    w.writeInt(size).writeInt(used);
    for (int i = 0; moved != null && i < size; i++) {
      if (moved[at(i)] != 0) {
        w.writeInt(i).writeLong(Streams.indexSeed(nameBase, i) + moved[at(i)]);
      }
    }
  }

  /** Restores streams written by {@link #save} or {@link Rngs#save} for the same name and size. */
  public void restore(StateReader r) {
    requireWhole();
    int n = r.readInt();
    if (n != size) {
      throw new IllegalStateException("checkpoint has " + n + " streams, expected " + size);
    }
    for (int i = 0; moved != null && i < size; i++) {
      moved[at(i)] = 0;
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
      moved[at(i)] = r.readLong() - Streams.indexSeed(nameBase, i);
    }
  }

  private int at(int i) {
    return offset + i * rowLength;
  }

  private void requireWhole() {
    if (first != 0 || stride != 1) {
      throw new IllegalStateException("only a table of streams 0 .. size - 1 has a checkpoint");
    }
  }
}
