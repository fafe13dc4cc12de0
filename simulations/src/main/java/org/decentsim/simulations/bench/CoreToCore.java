package org.decentsim.simulations.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time one cache line takes to go from one core to another and back: two threads take turns to
 * write it, each spinning until the other has. Every event of the actor engine moves a job to
 * another core and its result back, so the engine's speed follows this latency, which on a virtual
 * machine can change while it runs (docs/PERFORMANCE.md, "Spread between commands").
 */
public final class CoreToCore {
  private CoreToCore() {}

  private static final long STOP = -1;

  /**
   * The mean round trip in nanoseconds between the calling thread and a thread started for the
   * purpose (ended before this returns), over as many round trips as fit in about {@code
   * budgetNanos}, in whole blocks of 64.
   */
  public static double roundTripNanos(long budgetNanos) {
    AtomicLong line = new AtomicLong();
    Thread echo =
        new Thread(
            () -> {
              for (long v = 1; ; v += 2) { // the caller writes odd values, the echo the next ones
                long seen;
                while ((seen = line.get()) != v) {
                  if (seen == STOP) {
                    return;
                  }
                  Thread.onSpinWait();
                }
                line.lazySet(v + 1);
              }
            },
            "core-to-core");
    echo.setDaemon(true);
    echo.start();
    long start = System.nanoTime();
    long deadline = start + budgetNanos;
    long trips = 0;
    do { // the clock is read every 64 round trips, so that reading it adds little to them
      long v = 2 * trips + 1;
      line.lazySet(v);
      while (line.get() != v + 1) {
        Thread.onSpinWait();
      }
      trips++;
    } while ((trips & 63) != 0 || System.nanoTime() < deadline);
    long elapsed = System.nanoTime() - start;
    line.set(STOP);
    try {
      echo.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return elapsed / (double) trips;
  }
}
