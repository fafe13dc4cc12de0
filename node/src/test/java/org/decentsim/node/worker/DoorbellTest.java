package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoorbellTest {
  @Test
  void aBellRingsOncePerSleep_andNotWhileItsTakerIsAwake() {
    Doorbell bell = new Doorbell();
    assertThat(bell.isAsleep()).isFalse(); // a new taker looks at its lanes first
    assertThat(bell.seemsAsleep()).isFalse();
    assertThat(bell.ring()).isFalse();
    bell.sleep();
    assertThat(bell.seemsAsleep()).isTrue();
    assertThat(bell.ring()).isTrue(); // the caller sends the one wake-up
    assertThat(bell.ring()).isFalse();
    assertThat(bell.isAsleep()).isFalse();
  }

  @Test
  void aTakerThatWakesItself_afterARing_isToldAWakeUpIsOnItsWay() {
    Doorbell bell = new Doorbell();
    bell.sleep();
    assertThat(bell.wake()).isTrue(); // found work, nobody rang: goes on
    bell.sleep();
    assertThat(bell.ring()).isTrue();
    assertThat(bell.wake()).isFalse(); // the ring's message will come
  }
}
