package org.decentsim.simulations.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its streams and exit code. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }

  /** The hex digest from the last output line {@code digest: <hex>}. */
  String digest() {
    String[] lines = out.strip().split("\n");
    String last = lines[lines.length - 1];
    if (!last.startsWith("digest: ")) {
      throw new AssertionError("last line is not a digest: " + last + "\nstderr: " + err);
    }
    return last.substring("digest: ".length());
  }
}
