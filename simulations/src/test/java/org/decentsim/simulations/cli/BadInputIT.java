package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits 2 with one line naming file:line and key, never a stack trace. */
class BadInputIT {
  @TempDir Path dir;

  private Path scenario(String body) throws Exception {
    Path f = dir.resolve("bad.conf");
    Files.writeString(f, body);
    return f;
  }

  private static void assertOneLineError(Cli r, String... fragments) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    String err = r.err().strip();
    assertThat(err.lines().count()).as(err).isEqualTo(1);
    assertThat(err).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String f : fragments) {
      assertThat(err).contains(f);
    }
  }

  @Test
  void typoInKey_namesFileLineKeyAndSuggestion() throws Exception {
    Path f = scenario("decentsim {\n  seed = 1\n  algorithm.kidn = fedbuff\n}\n");
    Cli r = Cli.run("run", f.toString(), "--quiet", "--out", dir.resolve("o").toString());
    assertOneLineError(
        r, f + ":3:", "decentsim.algorithm.kidn", "unknown key", "decentsim.algorithm.kind");
  }

  @Test
  void negativeLearningRate_namesFileLineAndKey() throws Exception {
    Path f = scenario("decentsim {\n  local {\n    lr = -0.1\n  }\n}\n");
    Cli r = Cli.run("validate", f.toString());
    assertOneLineError(r, f + ":3:", "decentsim.local.lr", "must be > 0");
  }

  @Test
  void missingDataFile_namesFileLineAndKey() throws Exception {
    Path f =
        scenario(
            "decentsim {\n  data.source = libsvm\n  data.path = \"data/does-not-exist.svm\"\n}\n");
    Cli r = Cli.run("run", f.toString(), "--quiet", "--out", dir.resolve("o").toString());
    assertOneLineError(r, f + ":3:", "decentsim.data.path", "file not found", "does-not-exist.svm");
  }

  @Test
  void malformedLibsvmLine_namesDataLineAndKey() throws Exception {
    Path data = dir.resolve("broken.svm");
    Files.writeString(data, "+1 1:0.5 2:1\n-1 1:0.25 2:x\n+1 1:1\n");
    Path f =
        scenario(
            "decentsim {\n  data {\n    source = libsvm\n    path = \"" + data + "\"\n  }\n}\n");
    Cli r = Cli.run("run", f.toString(), "--quiet", "--out", dir.resolve("o").toString());
    assertOneLineError(r, data + ":2:", "'2:x'", "decentsim.data.path", f + ":4");
  }

  @Test
  void wrongTypeAndUnknownChoice_reported() throws Exception {
    Path f = scenario("decentsim {\n  partition.clients = ten\n}\n");
    assertOneLineError(
        Cli.run("validate", f.toString()),
        f + ":2:",
        "decentsim.partition.clients",
        "expected an integer");
    Path g = scenario("decentsim {\n  algorithm.kind = fedprox\n}\n");
    assertOneLineError(Cli.run("validate", g.toString()), g + ":2:", "'fedprox' is not one of");
  }

  @Test
  void badOverride_namesTheSetOption() throws Exception {
    Cli r = Cli.run("validate", "config/quickstart.conf", "--set", "decentsim.local.batch-size=-3");
    assertOneLineError(r, "--set decentsim.local.batch-size=-3", "decentsim.local.batch-size");
    Cli u = Cli.run("validate", "config/quickstart.conf", "--set", "decentsim.nope=1");
    assertOneLineError(u, "decentsim.nope", "unknown key");
  }

  @Test
  void syntaxError_missingScenario_badUsage_allExit2() throws Exception {
    Path f = scenario("decentsim {\n  seed = \n");
    assertOneLineError(Cli.run("validate", f.toString()), f.toString(), "syntax error");
    assertOneLineError(
        Cli.run("run", dir.resolve("none.conf").toString()), "none.conf", "not found");
    assertOneLineError(Cli.run("run"), "SCENARIO");
    assertOneLineError(Cli.run("run", "config/quickstart.conf", "--threads", "zero"), "--threads");
  }

  @Test
  void unwritableOutputDirectory_exit2() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    Cli r =
        Cli.run(
            "run", "config/quickstart.conf", "--quiet", "--out", file.resolve("sub").toString());
    assertOneLineError(r, "cannot write the run directory");
  }
}
