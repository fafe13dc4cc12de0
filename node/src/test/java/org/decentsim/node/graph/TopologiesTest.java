package org.decentsim.node.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.decentsim.node.data.DataFormatException;
import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologiesTest {
  @TempDir Path dir;

  private static void assertDegrees(Graph g, int d) {
    for (int i = 0; i < g.nodes(); i++) {
      assertThat(g.degree(i)).isEqualTo(d);
    }
  }

  @Test
  void regularFamilies_haveTheirDegreesAndAreConnected() {
    assertDegrees(Topologies.ring(10), 2);
    assertDegrees(Topologies.torus(4, 5), 4);
    assertDegrees(Topologies.complete(6), 5);
    assertDegrees(Topologies.regular(20, 3, new Rng(1)), 3);
    Graph star = Topologies.star(7);
    assertThat(star.degree(0)).isEqualTo(6);
    assertThat(star.degree(3)).isEqualTo(1);
    for (Graph g : new Graph[] {Topologies.ring(10), Topologies.torus(4, 5), star}) {
      assertThat(g.isConnected()).isTrue();
    }
  }

  @Test
  void erdosRenyi_connectedAndAboutPTimesPairsEdges() {
    Graph g = Topologies.erdosRenyi(200, 0.05, new Rng(2));
    assertThat(g.isConnected()).isTrue();
    double expected = 0.05 * 200 * 199 / 2;
    assertThat((double) g.edges()).isBetween(expected * 0.8, expected * 1.2);
  }

  @Test
  void barabasiAlbert_edgeCountAndHubs() {
    Graph g = Topologies.barabasiAlbert(500, 2, new Rng(3));
    assertThat(g.edges()).isEqualTo(3 + (500 - 3) * 2);
    assertThat(g.isConnected()).isTrue();
    assertThat(g.maxDegree()).isGreaterThan(20); // preferential attachment grows hubs
  }

  @Test
  void sameSeed_sameRandomGraph() {
    Graph a = Topologies.regular(30, 4, new Rng(9));
    Graph b = Topologies.regular(30, 4, new Rng(9));
    for (int i = 0; i < 30; i++) {
      for (int k = 0; k < 4; k++) {
        assertThat(a.neighbor(i, k)).isEqualTo(b.neighbor(i, k));
      }
    }
  }

  @Test
  void edgeList_readsSnapStyle() throws Exception {
    Path f = dir.resolve("g.txt");
    Files.writeString(f, "# a triangle and a tail\n0 1\n1\t2\n2,0\n2 3\n");
    Graph g = Topologies.read(f);
    assertThat(g.nodes()).isEqualTo(4);
    assertThat(g.edges()).isEqualTo(4);
    assertThat(g.hasEdge(3, 2)).isTrue();
  }

  @Test
  void edgeList_errorsNameFileAndLine() throws Exception {
    Path loop = dir.resolve("loop.txt");
    Files.writeString(loop, "0 1\n1 1\n");
    assertThatThrownBy(() -> Topologies.read(loop))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("loop.txt:2:")
        .hasMessageContaining("self-loop");
    Path dup = dir.resolve("dup.txt");
    Files.writeString(dup, "0 1\n1 2\n1 0\n");
    assertThatThrownBy(() -> Topologies.read(dup))
        .hasMessageContaining("dup.txt:3:")
        .hasMessageContaining("duplicate");
    Path split = dir.resolve("split.txt");
    Files.writeString(split, "0 1\n2 3\n");
    assertThatThrownBy(() -> Topologies.read(split)).hasMessageContaining("not connected");
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "0 1\n1 x\n");
    assertThatThrownBy(() -> Topologies.read(bad)).hasMessageContaining("bad.txt:2:");
  }

  @Test
  void edgeList_perEdgeLatencyAndBandwidth() throws Exception {
    Path f = dir.resolve("links.txt");
    Files.writeString(f, "0 1 0.5 1000\n1 2 0.25\n2 0\n");
    Topologies.EdgeList list = Topologies.readWithLinks(f);
    assertThat(list.graph().edges()).isEqualTo(3);
    assertThat(list.links().seconds(1, 0, 500)).isEqualTo(1.0); // 0.5 + 500 / 1000
    assertThat(list.links().seconds(2, 1, 500)).isEqualTo(0.25); // bandwidth 0 = unlimited
    assertThat(list.links().seconds(0, 2, 500)).isNaN(); // no settings: the clients' links
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "0 1\n1 2 -1\n2 0\n");
    assertThatThrownBy(() -> Topologies.readWithLinks(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad.txt:2")
        .hasMessageContaining(">= 0");
    Files.writeString(bad, "0 1 fast\n");
    assertThatThrownBy(() -> Topologies.readWithLinks(bad))
        .hasMessageContaining("bad.txt:1")
        .hasMessageContaining("must be numbers");
  }
}
