package org.decentsim.node.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.decentsim.node.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 mutated edge lists: each loads, or fails with a DataFormatException naming the file. */
class EdgeListFuzzTest {
  @TempDir Path dir;

  @Test
  void mutatedEdgeLists_loadOrFailWithAFileMessage() throws Exception {
    List<String> base = new ArrayList<>();
    base.add("# ring of 12 with chords");
    for (int i = 0; i < 12; i++) {
      base.add(i + " " + (i + 1) % 12);
    }
    base.add("0 6");
    base.add("3 9");
    Random rnd = new Random(12);
    String[] junk = {"", "x y", "5", "1 1", "0 1", "-2 3", "99999999999 1", "4\t7", "2,8", "#"};
    int rejected = 0;
    for (int k = 0; k < 200; k++) {
      List<String> lines = new ArrayList<>(base);
      for (int e = 0; e < 1 + rnd.nextInt(3); e++) {
        int i = rnd.nextInt(lines.size());
        switch (rnd.nextInt(4)) {
          case 0 -> lines.set(i, junk[rnd.nextInt(junk.length)]);
          case 1 -> lines.remove(i);
          case 2 -> lines.add(i, lines.get(i));
          default -> {
            String l = lines.get(i);
            lines.set(i, l.isEmpty() ? l : l.substring(0, rnd.nextInt(l.length())));
          }
        }
      }
      Path f = dir.resolve("g" + k + ".txt");
      Files.write(f, lines);
      try {
        Graph g = Topologies.read(f);
        assertThat(g.isConnected()).isTrue();
      } catch (DataFormatException ex) {
        rejected++;
        assertThat(ex.getMessage()).startsWith(f.toString());
      }
    }
    assertThat(rejected).isBetween(20, 199);
  }
}
