package org.decentsim.node.data;

/**
 * A client's rows: the slice {@code index[from .. to)} of an index array into a shared {@link
 * DataSet}. Nothing is copied; many views share one index array.
 */
public record DataView(DataSet data, int[] index, int from, int to) {

  /** Number of rows in the view. */
  public int size() {
    return to - from;
  }

  /** Row number (in {@link #data()}) of the view's k-th row. */
  public int row(int k) {
    return index[from + k];
  }

  /** A view of all rows of {@code data} in order. */
  public static DataView all(DataSet data) {
    int[] idx = new int[data.rows()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return new DataView(data, idx, 0, idx.length);
  }
}
