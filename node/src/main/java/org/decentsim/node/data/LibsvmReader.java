package org.decentsim.node.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the LIBSVM / SVMlight sparse format: one example per line, {@code label idx:value ...},
 * optional {@code # comment}s. Gzip is detected automatically.
 *
 * <p>Indices are 1-based by default; {@link IndexBase#AUTO} switches to 0-based when an index 0
 * appears. Indices within a line must increase strictly. Labels are kept raw; {@link
 * DataSet#asClassification()} maps them to classes.
 */
public final class LibsvmReader {
  /** How feature indices are numbered. */
  public enum IndexBase {
    AUTO,
    ZERO,
    ONE
  }

  private LibsvmReader() {}

  /**
   * Reads {@code path}.
   *
   * @param minDim the number of features to use at least (0: the largest index seen)
   */
  public static DataSet read(Path path, IndexBase base, int minDim) throws DataFormatException {
    String file = path.toString();
    IntBuf ptr = new IntBuf();
    IntBuf cols = new IntBuf();
    DoubleBuf vals = new DoubleBuf();
    DoubleBuf labels = new DoubleBuf();
    ptr.add(0);
    boolean sawZero = false;
    int maxIndex = -1;
    try (InputStream in = Inputs.open(path);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        int hash = line.indexOf('#');
        String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (body.isEmpty()) {
          continue;
        }
        String[] tok = body.split("\\s+");
        double label;
        try {
          label = Double.parseDouble(tok[0]);
        } catch (NumberFormatException e) {
          throw new DataFormatException(file, lineNo, "label '" + tok[0] + "' is not a number");
        }
        if (!Double.isFinite(label)) {
          throw new DataFormatException(file, lineNo, "label '" + tok[0] + "' is not finite");
        }
        int prev = -1;
        for (int t = 1; t < tok.length; t++) {
          int colon = tok[t].indexOf(':');
          if (colon <= 0 || colon == tok[t].length() - 1) {
            throw new DataFormatException(
                file, lineNo, "token '" + tok[t] + "' is not of the form index:value");
          }
          int idx;
          double v;
          try {
            idx = Integer.parseInt(tok[t].substring(0, colon));
          } catch (NumberFormatException e) {
            throw new DataFormatException(
                file, lineNo, "index in '" + tok[t] + "' is not a non-negative integer");
          }
          try {
            v = Double.parseDouble(tok[t].substring(colon + 1));
          } catch (NumberFormatException e) {
            throw new DataFormatException(
                file, lineNo, "value in '" + tok[t] + "' is not a number");
          }
          if (idx < 0) {
            throw new DataFormatException(file, lineNo, "negative index in '" + tok[t] + "'");
          }
          if (!Double.isFinite(v)) {
            throw new DataFormatException(file, lineNo, "value in '" + tok[t] + "' is not finite");
          }
          if (idx <= prev) {
            throw new DataFormatException(
                file,
                lineNo,
                "indices must increase within a line (" + idx + " after " + prev + ")");
          }
          if (idx == 0) {
            if (base == IndexBase.ONE) {
              throw new DataFormatException(
                  file, lineNo, "index 0 in a 1-based file (set index-base = 0 or auto)");
            }
            sawZero = true;
          }
          prev = idx;
          maxIndex = Math.max(maxIndex, idx);
          cols.add(idx);
          vals.add(v);
        }
        labels.add(label);
        ptr.add(cols.size());
      }
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "cannot read: " + e.getMessage());
    }
    if (labels.size() == 0) {
      throw new DataFormatException(file, 0, "no examples in file");
    }
    boolean zeroBased = base == IndexBase.ZERO || (base == IndexBase.AUTO && sawZero);
    int[] c = cols.toArray();
    if (!zeroBased) {
      for (int i = 0; i < c.length; i++) {
        c[i] -= 1;
      }
    }
    int dim = Math.max(minDim, zeroBased ? maxIndex + 1 : maxIndex);
    if (minDim > 0 && maxIndex >= (zeroBased ? minDim : minDim + 1)) {
      throw new DataFormatException(
          file, 0, "feature index " + maxIndex + " exceeds the configured " + minDim + " features");
    }
    return DataSet.sparse(
        path.getFileName().toString(), dim, ptr.toArray(), c, vals.toArray(), labels.toArray(), -1);
  }

  /** A growable int array. */
  static final class IntBuf {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** A growable double array. */
  static final class DoubleBuf {
    private double[] a = new double[1024];
    private int n;

    void add(double v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    double[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
