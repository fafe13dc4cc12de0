package org.decentsim.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.decentsim.coordinator.system.ComputeModel;
import org.decentsim.coordinator.system.Distribution;
import org.decentsim.node.random.Streams;
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

  /**
   * The rows also hold each client's place in the idle pool and its compute-delay stream: jobs,
   * idle positions and draws run side by side without disturbing one another.
   */
  @Test
  void idlePoolAndComputeStreamsShareTheRows_withoutTouchingTheJobs() {
    int m = 6;
    JobTable t = new JobTable(m);
    IdlePool idle = new IdlePool(t);
    ComputeModel hosted = computeModel();
    t.hostComputeStreams(hosted);
    ComputeModel alone = computeModel();
    for (int round = 0; round < 50; round++) {
      int c = idle.at(round % idle.size());
      idle.remove(c);
      assertThat(hosted.computeSeconds(c, 1, 1)).isEqualTo(alone.computeSeconds(c, 1, 1));
      t.open(c, round);
      t.setVersion(c, -round);
      t.setSamples(c, 3L * round);
      t.setSteps(c, 7);
      t.setTag(c, -1);
      t.setResultIn(c, true);
      assertThat(idle.contains(c)).isFalse();
      assertThat(t.seq(c)).isEqualTo(round);
      assertThat(t.version(c)).isEqualTo(-round);
      assertThat(t.samples(c)).isEqualTo(3L * round);
      assertThat(t.steps(c)).isEqualTo(7);
      assertThat(t.tag(c)).isEqualTo(-1);
      assertThat(t.resultIn(c)).isTrue();
      if (round % 2 == 1) {
        t.close(c);
        idle.add(c);
      }
      int members = 0;
      for (int k = 0; k < m; k++) {
        if (idle.contains(k)) {
          members++;
          assertThat(t.seq(k)).isEqualTo(-1);
        }
      }
      assertThat(members).isEqualTo(idle.size());
      for (int p = 0; p < idle.size(); p++) {
        assertThat(idle.contains(idle.at(p))).isTrue();
      }
      if (idle.size() == 0) {
        break;
      }
    }
  }

  private static ComputeModel computeModel() {
    return new ComputeModel(
        new double[] {1, 2, 3, 4, 5, 6},
        new Distribution.Exponential(0, 1),
        ComputeModel.Unit.ROUND,
        new Streams(3));
  }
}
