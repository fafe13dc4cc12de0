package org.decentsim.node.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.junit.jupiter.api.Test;

class RngTableTest {
  @Test
  void load_drawStore_continuesTheSameStreamsAsStreamObjects() {
    Streams streams = new Streams(42);
    RngTable table = new RngTable(streams, "client-batch", 50);
    Rng[] objects = new Rng[50];
    Rng cursor = new Rng(0);
    Rng draws = new Rng(7); // which index, and how many draws, next
    for (int round = 0; round < 2_000; round++) {
      int i = draws.nextInt(50);
      if (objects[i] == null) {
        objects[i] = streams.stream("client-batch", i);
      }
      Rng r = table.load(i, cursor);
      int n = draws.nextInt(4);
      for (int k = 0; k < n; k++) {
        assertThat(r.nextLong()).as("round %d index %d", round, i).isEqualTo(objects[i].nextLong());
      }
      table.store(i, cursor);
    }
  }

  @Test
  void load_withoutStore_forgetsTheDraws() {
    RngTable table = new RngTable(new Streams(1), "compute-delay", 3);
    Rng cursor = new Rng(0);
    long first = table.load(2, cursor).nextLong();
    assertThat(table.load(2, cursor).nextLong()).isEqualTo(first);
    table.store(2, cursor);
    Rng object = new Streams(1).stream("compute-delay", 2);
    assertThat(object.nextLong()).isEqualTo(first);
    assertThat(table.load(2, cursor).nextLong()).isEqualTo(object.nextLong());
  }

  @Test
  void untouchedTable_savesNoStreams_andRestoresIntoAUsedOne() {
    Streams streams = new Streams(9);
    RngTable untouched = new RngTable(streams, "local-steps", 4);
    StateWriter w = new StateWriter();
    untouched.save(w);
    StateWriter empty = new StateWriter();
    Rngs.save(empty, new Rng[4]);
    assertThat(w.toByteArray()).isEqualTo(empty.toByteArray());

    RngTable used = new RngTable(streams, "local-steps", 4);
    Rng cursor = new Rng(0);
    used.load(3, cursor).nextLong();
    used.store(3, cursor);
    used.restore(new StateReader(w.toByteArray()));
    assertThat(used.load(3, cursor).nextLong())
        .isEqualTo(streams.stream("local-steps", 3).nextLong());
    assertThatThrownBy(() -> used.load(4, cursor)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void save_restore_roundTrip_andReadsTheFormatOfRngs() {
    Streams streams = new Streams(3);
    RngTable table = new RngTable(streams, "availability", 10);
    Rng[] objects = new Rng[10];
    Rng cursor = new Rng(0);
    for (int i : new int[] {1, 4, 4, 9}) {
      table.load(i, cursor).nextDouble();
      table.store(i, cursor);
      objects[i] = objects[i] != null ? objects[i] : streams.stream("availability", i);
      objects[i].nextDouble();
    }
    StateWriter fromTable = new StateWriter();
    table.save(fromTable);
    StateWriter fromObjects = new StateWriter();
    Rngs.save(fromObjects, objects);
    assertThat(fromTable.toByteArray()).isEqualTo(fromObjects.toByteArray());

    RngTable restored = new RngTable(streams, "availability", 10);
    restored.restore(new StateReader(fromObjects.toByteArray()));
    for (int i = 0; i < 10; i++) {
      long expected =
          objects[i] != null ? objects[i].nextLong() : streams.stream("availability", i).nextLong();
      assertThat(restored.load(i, cursor).nextLong()).as("index %d", i).isEqualTo(expected);
    }

    RngTable other = new RngTable(streams, "availability", 11);
    assertThatThrownBy(() -> other.restore(new StateReader(fromObjects.toByteArray())))
        .hasMessageContaining("10 streams, expected 11");
  }

  @Test
  void stridedTable_slotKHoldsStreamFirstPlusKTimesStride_andHasNoCheckpointOfItsOwn() {
    Streams streams = new Streams(8);
    RngTable table = new RngTable(streams, "client-batch", 3, 4, 5); // streams 3, 7, 11, 15, 19
    Rng cursor = new Rng(0);
    for (int k = 0; k < 5; k++) {
      assertThat(table.index(k)).isEqualTo(3 + 4L * k);
      Rng object = streams.stream("client-batch", 3 + 4L * k);
      assertThat(table.load(k, cursor).nextLong()).isEqualTo(object.nextLong());
      table.store(k, cursor);
      assertThat(table.moved(k)).isTrue();
      assertThat(table.state(k)).isEqualTo(object.state());
      table.clear(k);
      assertThat(table.moved(k)).isFalse();
    }
    assertThatThrownBy(() -> table.load(5, cursor)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> table.save(new StateWriter()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepIn_movesTheSlotsIntoTheCallersRows_andContinuesTheSameStreams() {
    Streams streams = new Streams(5);
    RngTable kept = new RngTable(streams, "compute-delay", 4);
    RngTable plain = new RngTable(streams, "compute-delay", 4);
    Rng cursor = new Rng(0);
    kept.load(1, cursor).nextLong(); // a slot that has moved before the table moves
    kept.store(1, cursor);
    plain.load(1, cursor).nextLong();
    plain.store(1, cursor);

    long[] rows = new long[3 + 4 * 5]; // rows of 5 longs from index 3; the table gets column 2
    java.util.Arrays.fill(rows, 99);
    for (int i = 0; i < 4; i++) {
      rows[3 + i * 5 + 2] = 0;
    }
    kept.keepIn(rows, 3 + 2, 5);
    assertThat(rows[3 + 5 + 2]).isNotZero(); // slot 1 came along
    for (int round = 0; round < 40; round++) {
      int i = round % 4;
      assertThat(kept.load(i, cursor).nextLong()).isEqualTo(plain.load(i, new Rng(0)).nextLong());
      kept.store(i, cursor);
      plain.load(i, cursor).nextLong();
      plain.store(i, cursor);
    }
    kept.clear(3);
    assertThat(kept.moved(3)).isFalse();
    for (int k = 0; k < rows.length; k++) {
      if (k < 3 || (k - 3) % 5 != 2) {
        assertThat(rows[k]).as("long %d, not the table's", k).isEqualTo(99);
      }
    }

    StateWriter w = new StateWriter();
    plain.save(w);
    byte[] saved = w.toByteArray();
    rows[3 + 2] = 12345; // restore puts every slot back, here slot 0 too
    kept.restore(new StateReader(saved));
    StateWriter again = new StateWriter();
    kept.save(again);
    assertThat(again.toByteArray()).isEqualTo(saved);
    assertThat(rows[0]).isEqualTo(99);
  }

  @Test
  void keepIn_refusesRowsThatAreTooShortOrNotZero_andASecondMove() {
    RngTable table = new RngTable(new Streams(1), "compute-delay", 3);
    assertThatThrownBy(() -> table.keepIn(new long[8], 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fewer than 3 rows");
    long[] used = new long[9];
    used[3] = 1;
    assertThatThrownBy(() -> table.keepIn(used, 0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
    table.keepIn(new long[3], 0, 1);
    assertThatThrownBy(() -> table.keepIn(new long[3], 0, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already kept");
  }
}
