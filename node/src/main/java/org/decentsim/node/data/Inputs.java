package org.decentsim.node.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files, transparently un-gzipping them (detected by the gzip magic bytes). */
final class Inputs {
  private Inputs() {}

  static InputStream open(Path path) throws DataFormatException {
    if (!Files.exists(path)) {
      throw new DataFormatException(path.toString(), 0, "file not found");
    }
    if (Files.isDirectory(path)) {
      throw new DataFormatException(path.toString(), 0, "is a directory, expected a data file");
    }
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      return in;
    } catch (NoSuchFileException e) {
      throw new DataFormatException(path.toString(), 0, "file not found");
    } catch (IOException e) {
      throw new DataFormatException(path.toString(), 0, "cannot read: " + e.getMessage());
    }
  }
}
