package org.decentsim.node.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Whether the actor that takes from some {@link Lane}s sleeps, so that whoever appends to them
 * sends it a message only then. The taker calls {@link #sleep} before it stops and then looks at
 * its lanes once more ({@link Lane#isEmpty}); the appender appends and then {@link #ring}s. Both
 * sides pass a full fence between their write and their read, so at least one of them sees the
 * other's: a slot appended while the taker stops is either seen by the taker's last look or
 * answered by a wake-up message.
 */
public final class Doorbell {
  private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int AT = 8; // on a cache line of its own
  private static final long ASLEEP = 0;
  private static final long AWAKE = 1;

  private final long[] state = new long[16];

  /** A bell whose taker is awake: it looks at its lanes when it starts. */
  public Doorbell() {
    state[AT] = AWAKE;
  }

  /**
   * Appender, after appending: true when the taker sleeps. It is then marked awake, and the caller
   * must send it the message that wakes it; a second ring before it sleeps again returns false.
   */
  public boolean ring() {
    VarHandle.fullFence();
    return (long) STATE.getVolatile(state, AT) == ASLEEP
        && STATE.compareAndSet(state, AT, ASLEEP, AWAKE);
  }

  /**
   * Appender: a cheap look, without a fence, at whether the taker sleeps. It may miss a taker that
   * has just gone to sleep; an appender that relies on it must {@link #ring} before it stops
   * itself.
   */
  public boolean seemsAsleep() {
    return (long) STATE.getAcquire(state, AT) == ASLEEP;
  }

  /** Taker: it is about to stop; it must look at its lanes after this. */
  public void sleep() {
    STATE.setVolatile(state, AT, ASLEEP);
  }

  /**
   * Taker: it found work after {@link #sleep} and goes on. Returns false when an appender rang in
   * between: its wake-up message is on its way, and will find the work taken.
   */
  public boolean wake() {
    return STATE.compareAndSet(state, AT, ASLEEP, AWAKE);
  }

  /** Whether the taker is marked asleep (for tests and diagnostics). */
  public boolean isAsleep() {
    return (long) STATE.getVolatile(state, AT) == ASLEEP;
  }
}
