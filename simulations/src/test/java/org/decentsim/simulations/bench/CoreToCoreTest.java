package org.decentsim.simulations.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CoreToCoreTest {
  /** A round trip takes some time, not more than the probe, and the echo thread is gone after. */
  @Test
  @Timeout(30)
  void roundTrip_isPositive_withinTheBudget_andLeavesNoThread() throws Exception {
    long budget = Duration.ofMillis(20).toNanos();
    double ns = CoreToCore.roundTripNanos(budget);
    assertThat(ns).isPositive().isLessThan(budget);
    boolean echoAlive =
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("core-to-core") && t.isAlive());
    assertThat(echoAlive).isFalse();
  }
}
