package org.decentsim.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.decentsim.proto.protocol.Vector;
import org.junit.jupiter.api.Test;

class JobTableTest {
  @Test
  void slotsAreBoundedByTheJobsInFlightNotByTheClients() {
    JobTable t = new JobTable(100_000);
    int[] inFlight = new int[50];
    for (int k = 0; k < inFlight.length; k++) {
      inFlight[k] = k;
      t.open(k, k);
    }
    // every client of the run gets a job in turn, 50 at a time
    for (int c = inFlight.length; c < 100_000; c++) {
      int k = c % inFlight.length;
      t.close(inFlight[k]);
      t.open(c, c);
      t.setDelta(c, new double[] {c});
      inFlight[k] = c;
    }
    assertThat(t.slots()).isEqualTo(50);
    for (int c : inFlight) {
      assertThat(t.seq(c)).isEqualTo(c);
      assertThat(t.delta(c)).containsExactly((double) c);
    }
    assertThat(t.seq(0)).isEqualTo(-1);
    assertThat(t.delta(0)).isNull();
  }

  @Test
  void aReusedSlotStartsEmptyAndLeavesOtherJobsAlone() {
    JobTable t = new JobTable(10);
    Vector snapshot = Vector.wrap(new double[] {1, 2});
    t.open(1, 7);
    t.setSent(1, snapshot);
    t.setDelta(1, new double[] {3});
    t.setFault(1, "failed");
    t.setResultIn(1, true);
    t.setWaitingLate(1, true);
    t.open(2, 8);
    t.setSent(2, snapshot);
    t.setDelta(2, new double[] {4});

    t.close(1);
    assertThat(t.sent(1)).isNull();
    assertThat(t.fault(1)).isNull();
    assertThat(t.resultIn(1)).isFalse();
    t.open(3, 9); // takes the slot client 1 gave back
    assertThat(t.slots()).isEqualTo(2);
    assertThat(t.sent(3)).isNull();
    assertThat(t.delta(3)).isNull();
    assertThat(t.payload(3)).isNull();
    assertThat(t.fault(3)).isNull();
    assertThat(t.resultIn(3)).isFalse();
    assertThat(t.waitingLate(3)).isFalse();
    assertThat(t.sent(2)).isSameAs(snapshot);
    assertThat(t.delta(2)).containsExactly(4.0);
    assertThat(t.seq(2)).isEqualTo(8);
  }

  @Test
  void flagsDoNotDisturbTheSlot() {
    JobTable t = new JobTable(4);
    t.open(0, 1);
    t.open(1, 2);
    t.setFault(1, "x");
    t.setResultIn(1, true);
    t.setWaitingLate(1, true);
    t.setWaitingLate(1, false);
    t.setResultIn(1, false);
    assertThat(t.fault(1)).isEqualTo("x");
    assertThat(t.fault(0)).isNull();
    t.setResultIn(1, true);
    assertThat(t.resultIn(1)).isTrue();
    assertThat(t.waitingLate(1)).isFalse();
    assertThat(t.resultIn(0)).isFalse();
  }

  @Test
  void refusesJobsThatAreNotThere() {
    JobTable t = new JobTable(4);
    assertThatThrownBy(() -> t.close(0)).hasMessageContaining("client 0 has no job in flight");
    assertThatThrownBy(() -> t.setDelta(0, new double[1]))
        .hasMessageContaining("client 0 has no job in flight");
    assertThatThrownBy(() -> t.open(0, -1)).isInstanceOf(IllegalArgumentException.class);
    t.open(0, 5);
    assertThatThrownBy(() -> t.open(0, 6)).hasMessageContaining("already has a job");
    assertThat(t.seq(0)).isEqualTo(5);
  }
}
