package org.decentsim.node.data;

/**
 * Bad input data: names the file and, where there is one, the 1-based line (or record) at fault.
 * The message is meant to be shown to the user as it is.
 */
public final class DataFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  public DataFormatException(String file, long line, String message) {
    super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when the problem is not on one line. */
  public long line() {
    return line;
  }
}
