package org.decentsim.coordinator.engine;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The set of idle clients as an array with a position index: O(1) add, remove, membership and
 * uniform choice, no allocation. The array order depends only on the sequence of operations, so
 * random choices over it are deterministic.
 *
 * <p>Each client's position is kept in its row of the {@link JobTable}: a client leaves the pool
 * when its job is opened and comes back when it is closed, so with an array of positions of its own
 * each of those was one more cache miss once the clients outgrew the core's cache.
 */
final class IdlePool {
  private final int[] items;
  private final JobTable rows; // position of each client in items, -1 when busy
  private int size;

  /** All clients of {@code rows} start idle, in id order. */
  IdlePool(JobTable rows) {
    int n = rows.clients();
    items = new int[n];
    this.rows = rows;
    for (int i = 0; i < n; i++) {
      items[i] = i;
      rows.setIdlePosition(i, i);
    }
    size = n;
  }

  int size() {
    return size;
  }

  boolean contains(int client) {
    return rows.idlePosition(client) >= 0;
  }

  int at(int position) {
    return items[position];
  }

  void add(int client) {
    if (rows.idlePosition(client) >= 0) {
      throw new IllegalStateException("client " + client + " is already idle");
    }
    items[size] = client;
    rows.setIdlePosition(client, size++);
  }

  void remove(int client) {
    int p = rows.idlePosition(client);
    if (p < 0) {
      throw new IllegalStateException("client " + client + " is not idle");
    }
    int last = items[--size];
    items[p] = last;
    rows.setIdlePosition(last, p);
    rows.setIdlePosition(client, -1);
  }

  /** Swaps the clients at positions {@code i} and {@code j}. */
  void swap(int i, int j) {
    int a = items[i];
    int b = items[j];
    items[i] = b;
    items[j] = a;
    rows.setIdlePosition(b, i);
    rows.setIdlePosition(a, j);
  }

  void saveState(StateWriter w) {
    w.writeInt(size);
    for (int i = 0; i < size; i++) {
      w.writeInt(items[i]);
    }
  }

  void restoreState(StateReader r) {
    for (int c = 0; c < items.length; c++) {
      rows.setIdlePosition(c, -1);
    }
    size = r.readInt();
    for (int i = 0; i < size; i++) {
      items[i] = r.readInt();
      rows.setIdlePosition(items[i], i);
    }
  }
}
