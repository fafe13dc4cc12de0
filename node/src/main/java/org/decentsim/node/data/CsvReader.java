package org.decentsim.node.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads numeric comma-separated files into a dense data set: every row has the same number of
 * fields, one of which is the label.
 *
 * <p>A first line whose fields are not all numbers is taken as a header and skipped (this also
 * covers scikit-learn's CSV files, whose first line holds counts and class names); {@code skipRows}
 * skips more. Gzip is detected automatically.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * Reads {@code path}.
   *
   * @param labelColumn column of the label; negative counts from the end (-1 = last)
   * @param skipRows lines to skip before the data (after which header detection still applies)
   */
  public static DataSet read(Path path, int labelColumn, int skipRows) throws DataFormatException {
    String file = path.toString();
    LibsvmReader.DoubleBuf feats = new LibsvmReader.DoubleBuf();
    LibsvmReader.DoubleBuf labels = new LibsvmReader.DoubleBuf();
    int width = -1;
    int labelCol = 0;
    try (InputStream in = Inputs.open(path);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long lineNo = 0;
      boolean first = true;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo <= skipRows) {
          continue;
        }
        String body = line.trim();
        if (body.isEmpty()) {
          continue;
        }
        String[] f = body.split(",", -1);
        double[] row = new double[f.length];
        boolean numeric = true;
        int bad = -1;
        for (int i = 0; i < f.length; i++) {
          try {
            row[i] = Double.parseDouble(f[i].trim());
            if (!Double.isFinite(row[i])) {
              numeric = false;
              bad = bad < 0 ? i : bad;
            }
          } catch (NumberFormatException e) {
            numeric = false;
            bad = bad < 0 ? i : bad;
          }
        }
        if (first) {
          first = false;
          if (!numeric) {
            continue; // header
          }
        }
        if (!numeric) {
          throw new DataFormatException(
              file,
              lineNo,
              "field " + (bad + 1) + " ('" + f[bad].trim() + "') is not a finite number");
        }
        if (width < 0) {
          width = f.length;
          if (width < 2) {
            throw new DataFormatException(file, lineNo, "need at least one feature and a label");
          }
          labelCol = labelColumn < 0 ? width + labelColumn : labelColumn;
          if (labelCol < 0 || labelCol >= width) {
            throw new DataFormatException(
                file,
                lineNo,
                "label column " + labelColumn + " is outside the " + width + " fields");
          }
        } else if (f.length != width) {
          throw new DataFormatException(
              file,
              lineNo,
              "has " + f.length + " fields, expected " + width + " as on the first row");
        }
        for (int i = 0; i < width; i++) {
          if (i == labelCol) {
            labels.add(row[i]);
          } else {
            feats.add(row[i]);
          }
        }
      }
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "cannot read: " + e.getMessage());
    }
    if (labels.size() == 0) {
      throw new DataFormatException(file, 0, "no data rows in file");
    }
    return DataSet.dense(
        path.getFileName().toString(), width - 1, feats.toArray(), labels.toArray(), -1, null);
  }
}
