package org.decentsim.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.decentsim.node.random.Rng;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.random.Rngs;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.junit.jupiter.api.Test;

class ClientStatesTest {
  private static final Streams STREAMS = new Streams(5);

  /** Client c's table and slot when two shards host the even and the odd clients. */
  private static long next(RngTable even, RngTable odd, int c, Rng cursor) {
    RngTable t = c % 2 == 0 ? even : odd;
    long v = t.load(c / 2, cursor).nextLong();
    t.store(c / 2, cursor);
    return v;
  }

  @Test
  void shardTables_continueEachClientsBatchStream_andCheckpointInTheFormatOfRngs() {
    ClientStates states = new ClientStates(7, STREAMS);
    RngTable even = states.batchStreams(0, 2, 4);
    RngTable odd = states.batchStreams(1, 2, 3);
    Rng[] objects = new Rng[7];
    Rng cursor = new Rng(0);
    for (int c : new int[] {3, 0, 6, 3, 5, 3}) {
      if (objects[c] == null) {
        objects[c] = STREAMS.stream("client-batch", c);
      }
      assertThat(next(even, odd, c, cursor)).as("client %d", c).isEqualTo(objects[c].nextLong());
    }
    StateWriter saved = new StateWriter();
    states.saveState(saved);
    StateWriter expected = new StateWriter();
    Rngs.save(expected, objects);
    expected.writeInt(0).writeInt(0); // no uplink states, no downlink mirrors
    assertThat(saved.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void restore_reachesTablesMadeBeforeAndAfterIt() {
    ClientStates states = new ClientStates(7, STREAMS);
    RngTable even = states.batchStreams(0, 2, 4);
    RngTable odd = states.batchStreams(1, 2, 3);
    Rng cursor = new Rng(0);
    for (int c : new int[] {2, 3, 3, 6}) {
      next(even, odd, c, cursor);
    }
    StateWriter saved = new StateWriter();
    states.saveState(saved);
    long[] continued = new long[7];
    for (int c = 0; c < 7; c++) {
      continued[c] = next(even, odd, c, cursor);
    }

    ClientStates resumed = new ClientStates(7, STREAMS);
    RngTable oddBefore = resumed.batchStreams(1, 2, 3);
    next(null, oddBefore, 5, cursor); // moved before the restore; the checkpoint has it untouched
    resumed.restoreState(new StateReader(saved.toByteArray()));
    RngTable evenAfter = resumed.batchStreams(0, 2, 4);
    for (int c = 0; c < 7; c++) {
      assertThat(next(evenAfter, oddBefore, c, cursor)).as("client %d", c).isEqualTo(continued[c]);
    }
  }

  @Test
  void batchStreams_beyondTheClients_isRefused() {
    ClientStates states = new ClientStates(7, STREAMS);
    assertThatThrownBy(() -> states.batchStreams(1, 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beyond 7");
  }
}
