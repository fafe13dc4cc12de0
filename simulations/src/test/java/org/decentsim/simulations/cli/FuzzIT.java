package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated scenario and data files: every one either loads (exit 0) or is rejected with one line
 * (exit 2). Never a stack trace, never an internal error.
 */
class FuzzIT {
  @TempDir Path dir;

  private static final String[] VALUES = {
    "0", "-1", "1e12", "x", "2.5", "true", "\"\"", "{}", "[1, 2]", "null", "-0.5", "99999999999"
  };

  private static void assertLoadsOrOneLineError(Cli r, String what) {
    assertThat(r.code()).as(what + "\n" + r.err()).isIn(0, 2);
    assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
    if (r.code() == 2) {
      assertThat(r.err().strip().lines().count()).as(what + "\n" + r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("error: ");
    }
  }

  private static String mutateScenario(String text, Random rnd) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int i = rnd.nextInt(lines.size());
      String line = lines.get(i);
      switch (rnd.nextInt(6)) {
        case 0 -> lines.remove(i); // may unbalance braces
        case 1 -> lines.add(i, line); // duplicate
        case 2 -> {
          int eq = line.indexOf('=');
          if (eq > 0) {
            lines.set(i, line.substring(0, eq + 1) + " " + VALUES[rnd.nextInt(VALUES.length)]);
          }
        }
        case 3 -> {
          if (!line.isEmpty()) {
            int p = rnd.nextInt(line.length());
            lines.set(
                i, line.substring(0, p) + (char) (33 + rnd.nextInt(90)) + line.substring(p + 1));
          }
        }
        case 4 -> lines.set(i, line.replace("kind", "kidn"));
        default -> {
          if (!line.isEmpty()) {
            lines.set(i, line.substring(0, rnd.nextInt(line.length())));
          }
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }

  @Test
  void mutatedScenarios_loadOrFailWithOneLine() throws Exception {
    String base = Files.readString(Path.of("config/quickstart.conf"));
    Random rnd = new Random(20261122);
    int rejected = 0;
    for (int k = 0; k < 200; k++) {
      Path f = dir.resolve("s" + k + ".conf");
      Files.writeString(f, mutateScenario(base, rnd));
      Cli r = Cli.run("validate", f.toString(), "--set", "decentsim.data.synthetic.samples=400");
      assertLoadsOrOneLineError(r, Files.readString(f));
      if (r.code() == 2) {
        rejected++;
        assertThat(r.err()).contains(f.toString());
      }
    }
    assertThat(rejected).isGreaterThan(50);
  }

  private static String mutateData(List<String> lines, Random rnd, boolean csv) {
    List<String> out = new ArrayList<>(lines);
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int i = rnd.nextInt(out.size());
      String line = out.get(i);
      switch (rnd.nextInt(5)) {
        case 0 -> out.set(i, line.replaceFirst(csv ? "," : " ", csv ? ",," : " :"));
        case 1 -> {
          if (!line.isEmpty()) {
            int p = rnd.nextInt(line.length());
            out.set(
                i, line.substring(0, p) + (char) (33 + rnd.nextInt(90)) + line.substring(p + 1));
          }
        }
        case 2 -> out.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
        case 3 -> out.set(i, VALUES[rnd.nextInt(VALUES.length)]);
        default -> out.add(i, csv ? "1,2" : "+1 5:1 3:2");
      }
    }
    return String.join("\n", out) + "\n";
  }

  @Test
  void mutatedLibsvmAndCsvFiles_loadOrFailWithOneLine() throws Exception {
    List<String> svm = Files.readAllLines(Path.of("data/heart_scale"));
    List<String> csv = Files.readAllLines(Path.of("data/breast_cancer.csv"));
    Random rnd = new Random(7);
    for (int k = 0; k < 200; k++) {
      boolean isCsv = k % 2 == 1;
      Path f = dir.resolve("d" + k + (isCsv ? ".csv" : ".svm"));
      Files.writeString(f, mutateData(isCsv ? csv : svm, rnd, isCsv));
      Cli r =
          Cli.run(
              "validate",
              "config/quickstart.conf",
              "--set",
              "decentsim.data.source=" + (isCsv ? "csv" : "libsvm"),
              "--set",
              "decentsim.data.path=\"" + f + "\"");
      assertLoadsOrOneLineError(r, f.toString());
    }
  }
}
