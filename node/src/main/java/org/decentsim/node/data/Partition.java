package org.decentsim.node.data;

/**
 * An assignment of rows to clients: client c owns {@code order[offsets[c] .. offsets[c+1])}. One
 * shared index array backs every client's {@link DataView}.
 */
public record Partition(int[] order, int[] offsets) {

  public int clients() {
    return offsets.length - 1;
  }

  public int size(int client) {
    return offsets[client + 1] - offsets[client];
  }

  /** Client {@code c}'s view of {@code data}. */
  public DataView view(DataSet data, int c) {
    return new DataView(data, order, offsets[c], offsets[c + 1]);
  }
}
