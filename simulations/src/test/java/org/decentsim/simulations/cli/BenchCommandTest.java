package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.decentsim.node.data.DataSet;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void ceilingCopies_holdEqualDataEachOfItsOwn() throws Exception {
    Path file = Path.of("config/quickstart.conf");
    List<String> sets = List.of("decentsim.partition.clients=20");
    Scenario sc = ScenarioBuilder.load(file, sets);

    Scenario[] copies = BenchCommand.copies(sc, 3, file, sets);

    assertThat(copies).hasSize(3);
    assertThat(copies[0]).isSameAs(sc);
    DataSet[] data = new DataSet[3];
    for (int t = 0; t < 3; t++) {
      assertThat(copies[t].federation().clients()).isEqualTo(20);
      data[t] = copies[t].federation().view(0).data();
      assertThat(digest(data[t])).isEqualTo(digest(data[0]));
    }
    assertThat(data[1]).isNotSameAs(data[0]);
    assertThat(data[2]).isNotSameAs(data[0]).isNotSameAs(data[1]);
  }

  private static String digest(DataSet data) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer scratch = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < data.rows(); r++) {
      data.digestRow(r, md, scratch);
    }
    md.update(scratch.flip());
    return HexFormat.of().formatHex(md.digest());
  }
}
