package org.decentsim.node.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an unsigned-byte image file (magic 0x0803) and a
 * label file (magic 0x0801), gzip accepted. Pixels are scaled to [0, 1].
 */
public final class IdxReader {
  private IdxReader() {}

  /** Reads images and labels into a dense data set. */
  public static DataSet read(Path images, Path labels) throws DataFormatException {
    int[] imgHeader = new int[3];
    byte[] pixels = readUbyte(images, 3, imgHeader);
    int[] labHeader = new int[1];
    byte[] labs = readUbyte(labels, 1, labHeader);
    int n = imgHeader[0];
    if (labHeader[0] != n) {
      throw new DataFormatException(
          labels.toString(), 0, labHeader[0] + " labels but " + n + " images in " + images);
    }
    int dim = imgHeader[1] * imgHeader[2];
    double[] f = new double[pixels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (pixels[i] & 0xff) / 255.0;
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = labs[i] & 0xff;
    }
    return DataSet.dense(images.getFileName().toString(), dim, f, y, -1, null);
  }

  /**
   * The conventional label file beside an image file ({@code images-idx3} -> {@code labels-idx1}).
   */
  public static Path labelsBeside(Path images) {
    String name = images.getFileName().toString().replace("images-idx3", "labels-idx1");
    return images.resolveSibling(name);
  }

  private static byte[] readUbyte(Path path, int dims, int[] header) throws DataFormatException {
    String file = path.toString();
    try (InputStream in = Inputs.open(path);
        DataInputStream d = new DataInputStream(in)) {
      int magic = d.readInt();
      int expected = 0x0800 | dims;
      if (magic != expected) {
        throw new DataFormatException(
            file,
            0,
            String.format(
                java.util.Locale.ROOT,
                "IDX magic 0x%08x, expected 0x%08x (unsigned bytes, %d dimensions)",
                magic,
                expected,
                dims));
      }
      long total = 1;
      for (int i = 0; i < dims; i++) {
        header[i] = d.readInt();
        if (header[i] <= 0) {
          throw new DataFormatException(file, 0, "IDX dimension " + i + " is " + header[i]);
        }
        total *= header[i];
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(file, 0, "IDX file too large: " + total + " bytes");
      }
      byte[] out = new byte[(int) total];
      try {
        d.readFully(out);
      } catch (EOFException e) {
        throw new DataFormatException(file, 0, "truncated: header promises " + total + " bytes");
      }
      return out;
    } catch (EOFException e) {
      throw new DataFormatException(file, 0, "truncated IDX header");
    } catch (IOException e) {
      throw new DataFormatException(file, 0, "cannot read: " + e.getMessage());
    }
  }
}
