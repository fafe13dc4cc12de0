package org.decentsim.node.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An immutable table of {@code rows} examples with {@code dim} features and one label each, stored
 * densely (row-major) or as compressed sparse rows.
 *
 * <p>Labels are class indices {@code 0..numClasses-1} for classification and real values for
 * regression ({@code numClasses == 0}). Row operations read the features of one row against a slice
 * {@code w[offset .. offset+dim)} of a parameter vector, so multi-class models can keep one slice
 * per class.
 */
public final class DataSet {
  private final String name;
  private final int rows;
  private final int dim;
  private final double[] dense; // rows * dim, or null when sparse
  private final int[] rowPtr; // rows + 1, sparse only
  private final int[] cols;
  private final double[] vals;
  private final double[] labels;
  private final int numClasses;
  private final int[] groups; // natural client of each row (synthetic data), or null

  private DataSet(
      String name,
      int rows,
      int dim,
      double[] dense,
      int[] rowPtr,
      int[] cols,
      double[] vals,
      double[] labels,
      int numClasses,
      int[] groups) {
    this.name = name;
    this.rows = rows;
    this.dim = dim;
    this.dense = dense;
    this.rowPtr = rowPtr;
    this.cols = cols;
    this.vals = vals;
    this.labels = labels;
    this.numClasses = numClasses;
    this.groups = groups;
  }

  /** A dense data set; arrays are taken, not copied. */
  public static DataSet dense(
      String name, int dim, double[] features, double[] labels, int numClasses, int[] groups) {
    if (features.length != (long) labels.length * dim) {
      throw new IllegalArgumentException("features length " + features.length + " != rows*dim");
    }
    return new DataSet(
        name, labels.length, dim, features, null, null, null, labels, numClasses, groups);
  }

  /** A CSR sparse data set; arrays are taken, not copied. Column indices are 0-based. */
  public static DataSet sparse(
      String name,
      int dim,
      int[] rowPtr,
      int[] cols,
      double[] vals,
      double[] labels,
      int numClasses) {
    if (rowPtr.length != labels.length + 1) {
      throw new IllegalArgumentException("rowPtr length must be rows + 1");
    }
    return new DataSet(
        name, labels.length, dim, null, rowPtr, cols, vals, labels, numClasses, null);
  }

  public String name() {
    return name;
  }

  public int rows() {
    return rows;
  }

  public int dim() {
    return dim;
  }

  public boolean isSparse() {
    return dense == null;
  }

  /** Number of classes, or 0 for a regression data set. */
  public int numClasses() {
    return numClasses;
  }

  public double label(int row) {
    return labels[row];
  }

  /** Class index of {@code row}; only for classification data. */
  public int classOf(int row) {
    return (int) labels[row];
  }

  /** The natural group (client) of each row, as produced by a synthetic generator, or null. */
  public int[] groupsOrNull() {
    return groups;
  }

  /** Number of stored non-zeros (all entries when dense). */
  public long storedEntries() {
    return dense != null ? dense.length : vals.length;
  }

  /** Values {@link #prefetch} reads of a row: one per 64-byte cache line of its first 1 KB. */
  private static final int PREFETCH_STEP = 8;

  private static final int PREFETCH_VALUES = 128;

  /**
   * Reads the row's label and one stored value per cache line of its first {@value
   * #PREFETCH_VALUES} values (positions 0, 8, 16, ...), and returns their sum, which the caller
   * must use (store it) so that the reads are kept. A loop over scattered rows that asks for the
   * rows of its next steps, several at once, has their fetches from memory overlap instead of
   * waiting for each row in turn. An empty sparse row gives its label.
   */
  public double prefetch(int row) {
    double s = labels[row];
    if (dense != null) {
      int base = row * dim;
      int n = Math.min(dim, PREFETCH_VALUES);
      for (int j = 0; j < n; j += PREFETCH_STEP) {
        s += dense[base + j];
      }
    } else {
      int end = Math.min(rowPtr[row + 1], rowPtr[row] + PREFETCH_VALUES);
      for (int p = rowPtr[row]; p < end; p += PREFETCH_STEP) {
        s += vals[p] + cols[p];
      }
    }
    return s;
  }

  /** {@code x_row . w[offset .. offset+dim)}. */
  public double dot(int row, double[] w, int offset) {
    double s = 0;
    if (dense != null) {
      int base = row * dim;
      for (int j = 0; j < dim; j++) {
        s += dense[base + j] * w[offset + j];
      }
    } else {
      for (int p = rowPtr[row]; p < rowPtr[row + 1]; p++) {
        s += vals[p] * w[offset + cols[p]];
      }
    }
    return s;
  }

  /** {@code out[offset .. offset+dim) += alpha * x_row}; out modified. */
  public void axpyRow(int row, double alpha, double[] out, int offset) {
    if (dense != null) {
      int base = row * dim;
      for (int j = 0; j < dim; j++) {
        out[offset + j] += alpha * dense[base + j];
      }
    } else {
      for (int p = rowPtr[row]; p < rowPtr[row + 1]; p++) {
        out[offset + cols[p]] += alpha * vals[p];
      }
    }
  }

  /**
   * Feeds row {@code row} (its stored features with their columns, then its label) to {@code md},
   * through {@code scratch} (little-endian, flushed to {@code md} when full and at the end).
   */
  public void digestRow(int row, MessageDigest md, ByteBuffer scratch) {
    if (dense != null) {
      int base = row * dim;
      for (int j = 0; j < dim; j++) {
        putDouble(md, scratch, dense[base + j]);
      }
    } else {
      for (int p = rowPtr[row]; p < rowPtr[row + 1]; p++) {
        flushIfFull(md, scratch, 12);
        scratch.putInt(cols[p]).putDouble(vals[p]);
      }
    }
    putDouble(md, scratch, labels[row]);
  }

  private static void putDouble(MessageDigest md, ByteBuffer scratch, double v) {
    flushIfFull(md, scratch, 8);
    scratch.putDouble(v);
  }

  private static void flushIfFull(MessageDigest md, ByteBuffer scratch, int need) {
    if (scratch.remaining() < need) {
      md.update(scratch.array(), 0, scratch.position());
      scratch.clear();
    }
  }

  /** Squared norm of row {@code row}. */
  public double rowNormSq(int row) {
    double s = 0;
    if (dense != null) {
      int base = row * dim;
      for (int j = 0; j < dim; j++) {
        s += dense[base + j] * dense[base + j];
      }
    } else {
      for (int p = rowPtr[row]; p < rowPtr[row + 1]; p++) {
        s += vals[p] * vals[p];
      }
    }
    return s;
  }

  /** Copies of the given rows, in the given order, as a new data set. */
  public DataSet select(String newName, int[] rowIndices) {
    double[] lab = new double[rowIndices.length];
    int[] grp = groups == null ? null : new int[rowIndices.length];
    for (int k = 0; k < rowIndices.length; k++) {
      lab[k] = labels[rowIndices[k]];
      if (grp != null) {
        grp[k] = groups[rowIndices[k]];
      }
    }
    if (dense != null) {
      double[] f = new double[rowIndices.length * dim];
      for (int k = 0; k < rowIndices.length; k++) {
        System.arraycopy(dense, rowIndices[k] * dim, f, k * dim, dim);
      }
      return new DataSet(
          newName, rowIndices.length, dim, f, null, null, null, lab, numClasses, grp);
    }
    int[] ptr = new int[rowIndices.length + 1];
    for (int k = 0; k < rowIndices.length; k++) {
      int r = rowIndices[k];
      ptr[k + 1] = ptr[k] + (rowPtr[r + 1] - rowPtr[r]);
    }
    int[] c = new int[ptr[rowIndices.length]];
    double[] v = new double[c.length];
    for (int k = 0; k < rowIndices.length; k++) {
      int r = rowIndices[k];
      int n = rowPtr[r + 1] - rowPtr[r];
      System.arraycopy(cols, rowPtr[r], c, ptr[k], n);
      System.arraycopy(vals, rowPtr[r], v, ptr[k], n);
    }
    return new DataSet(newName, rowIndices.length, dim, null, ptr, c, v, lab, numClasses, grp);
  }

  /** This data set with one more feature, constant 1, appended (an intercept term). */
  public DataSet withIntercept() {
    if (dense != null) {
      int d = dim + 1;
      double[] f = new double[rows * d];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(dense, r * dim, f, r * d, dim);
        f[r * d + dim] = 1.0;
      }
      return new DataSet(name, rows, d, f, null, null, null, labels, numClasses, groups);
    }
    int[] ptr = new int[rows + 1];
    int[] c = new int[vals.length + rows];
    double[] v = new double[vals.length + rows];
    for (int r = 0; r < rows; r++) {
      int n = rowPtr[r + 1] - rowPtr[r];
      ptr[r + 1] = ptr[r] + n + 1;
      System.arraycopy(cols, rowPtr[r], c, ptr[r], n);
      System.arraycopy(vals, rowPtr[r], v, ptr[r], n);
      c[ptr[r] + n] = dim;
      v[ptr[r] + n] = 1.0;
    }
    return new DataSet(name, rows, dim + 1, null, ptr, c, v, labels, numClasses, groups);
  }

  /**
   * Feature-wise mean and standard deviation over this data set's rows, as {@code {mean, std}}; a
   * constant feature gets std 1 so that standardising leaves it centred but unscaled.
   */
  public double[][] featureMoments() {
    double[] mean = new double[dim];
    double[] sq = new double[dim];
    for (int r = 0; r < rows; r++) {
      if (dense != null) {
        for (int j = 0; j < dim; j++) {
          double x = dense[r * dim + j];
          mean[j] += x;
          sq[j] += x * x;
        }
      } else {
        for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
          mean[cols[p]] += vals[p];
          sq[cols[p]] += vals[p] * vals[p];
        }
      }
    }
    double[] std = new double[dim];
    for (int j = 0; j < dim; j++) {
      mean[j] /= rows;
      double var = sq[j] / rows - mean[j] * mean[j];
      std[j] = var > 1e-24 ? StrictMath.sqrt(var) : 1.0;
    }
    return new double[][] {mean, std};
  }

  /**
   * This data set standardised with the given moments: dense features become {@code (x - mean) /
   * std}; sparse features are only divided by {@code std}, which keeps them sparse.
   */
  public DataSet standardized(double[] mean, double[] std) {
    if (dense != null) {
      double[] f = dense.clone();
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < dim; j++) {
          f[r * dim + j] = (f[r * dim + j] - mean[j]) / std[j];
        }
      }
      return new DataSet(name, rows, dim, f, null, null, null, labels, numClasses, groups);
    }
    double[] v = vals.clone();
    for (int p = 0; p < v.length; p++) {
      v[p] /= std[cols[p]];
    }
    return new DataSet(name, rows, dim, null, rowPtr, cols, v, labels, numClasses, groups);
  }

  /**
   * Re-labels raw labels as classes: the sorted distinct values become 0..C-1 (so {-1,+1} and {0,1}
   * both map to {0,1}). Values must be integral.
   */
  public DataSet asClassification() {
    double[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
    for (double v : distinct) {
      if (v != Math.rint(v)) {
        throw new IllegalArgumentException(
            "label " + v + " is not an integer; set decentsim.data.task = regression");
      }
    }
    double[] lab = new double[rows];
    for (int r = 0; r < rows; r++) {
      lab[r] = Arrays.binarySearch(distinct, labels[r]);
    }
    return new DataSet(name, rows, dim, dense, rowPtr, cols, vals, lab, distinct.length, groups);
  }

  /** True when every label is an integer (a classification data set is possible). */
  public boolean hasIntegralLabels() {
    for (double v : labels) {
      if (v != Math.rint(v)) {
        return false;
      }
    }
    return true;
  }

  /** The same data marked as regression (labels used as real targets). */
  public DataSet asRegression() {
    return new DataSet(name, rows, dim, dense, rowPtr, cols, vals, labels, 0, groups);
  }
}
