package org.decentsim.coordinator.engine;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * The set of idle clients as an array with a position index: O(1) add, remove, membership and
 * uniform choice, no allocation. The array order depends only on the sequence of operations, so
 * random choices over it are deterministic.
 */
final class IdlePool {
  private final int[] items;
  private final int[] pos; // position of each client in items, -1 when busy
  private int size;

  /** All {@code n} clients start idle, in id order. */
  IdlePool(int n) {
    items = new int[n];
    pos = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = i;
      pos[i] = i;
    }
    size = n;
  }

  int size() {
    return size;
  }

  boolean contains(int client) {
    return pos[client] >= 0;
  }

  int at(int position) {
    return items[position];
  }

  void add(int client) {
    if (pos[client] >= 0) {
      throw new IllegalStateException("client " + client + " is already idle");
    }
    items[size] = client;
    pos[client] = size++;
  }

  void remove(int client) {
    int p = pos[client];
    if (p < 0) {
      throw new IllegalStateException("client " + client + " is not idle");
    }
    int last = items[--size];
    items[p] = last;
    pos[last] = p;
    pos[client] = -1;
  }

  /** Swaps the clients at positions {@code i} and {@code j}. */
  void swap(int i, int j) {
    int a = items[i];
    int b = items[j];
    items[i] = b;
    items[j] = a;
    pos[b] = i;
    pos[a] = j;
  }

  void saveState(StateWriter w) {
    w.writeInt(size);
    for (int i = 0; i < size; i++) {
      w.writeInt(items[i]);
    }
  }

  void restoreState(StateReader r) {
    java.util.Arrays.fill(pos, -1);
    size = r.readInt();
    for (int i = 0; i < size; i++) {
      items[i] = r.readInt();
      pos[items[i]] = i;
    }
  }
}
