package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart runs with every algorithm kind and every data source swapped in by --set. */
class QuickstartSwapIT {
  @TempDir Path dir;

  private Cli quickstart(String name, String... sets) {
    String[] args = new String[6 + 2 * sets.length];
    args[0] = "run";
    args[1] = "config/quickstart.conf";
    args[2] = "--quiet";
    args[3] = "--engine";
    args[4] = "direct";
    args[5] = "--out=" + dir.resolve(name);
    for (int i = 0; i < sets.length; i++) {
      args[6 + 2 * i] = "--set";
      args[7 + 2 * i] = sets[i];
    }
    return Cli.run(args);
  }

  private double firstAndLastLossDrop(String name) throws Exception {
    List<String> rows = Files.readAllLines(dir.resolve(name).resolve("metrics.csv"));
    double first = Double.parseDouble(rows.get(1).split(",")[5]);
    double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[5]);
    return first - last;
  }

  @Test
  void everyAlgorithmKind_runsAndLossFalls() throws Exception {
    for (String kind : List.of("fedavg", "fedasync", "fedbuff", "fedfix", "afa-cd", "afa-cs")) {
      Cli r = quickstart(kind, "decentsim.algorithm.kind=" + kind, "decentsim.stop.virtual-time=5");
      assertThat(r.code()).as(kind + ": " + r.err()).isZero();
      assertThat(firstAndLastLossDrop(kind)).as(kind).isGreaterThan(0.05);
    }
  }

  @Test
  void everyDataSource_runsAndLossFalls() throws Exception {
    Path images = dir.resolve("tiny-images-idx3-ubyte.gz");
    Path labels = dir.resolve("tiny-labels-idx1-ubyte.gz");
    int n = 200;
    try (DataOutputStream o =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
      o.writeInt(0x803);
      o.writeInt(n);
      o.writeInt(4);
      o.writeInt(4);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < 16; p++) {
          // class c lights up pixel c (plus a little noise), so the classes are learnable
          o.writeByte(p == i % 3 ? 200 + (i % 50) : (i * 7 + p * 13) % 40);
        }
      }
    }
    try (DataOutputStream o =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(labels)))) {
      o.writeInt(0x801);
      o.writeInt(n);
      for (int i = 0; i < n; i++) {
        o.writeByte(i % 3);
      }
    }
    String[][] sources = {
      {"libsvm", "data/heart_scale"},
      {"csv", "data/breast_cancer.csv"},
      {"csv", "data/digits.csv.gz"},
      {"idx", images.toString()}
    };
    int k = 0;
    for (String[] src : sources) {
      String name = "src" + k++;
      Cli r =
          quickstart(
              name,
              "decentsim.data.source=" + src[0],
              "decentsim.data.path=\"" + src[1] + "\"",
              "decentsim.stop.virtual-time=5");
      assertThat(r.code()).as(src[1] + ": " + r.err()).isZero();
      assertThat(firstAndLastLossDrop(name)).as(src[1]).isGreaterThan(0.05);
    }
  }
}
