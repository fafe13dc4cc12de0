package org.decentsim.node.worker;

import akka.dispatch.Envelope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.decentsim.proto.protocol.WakeUp;

/**
 * A mailbox's one pending {@link WakeUp}. A wake-up is kept here instead of in the mailbox's queue,
 * so enqueueing it allocates no queue node, and a second one while the first waits adds nothing.
 * Any thread may {@link #offer}; only the mailbox's consumer (one thread at a time) may {@link
 * #poll}. A wake-up offered after a poll is kept for the next one, so none is lost.
 */
final class WakeSlot {
  private static final VarHandle PENDING;

  static {
    try {
      PENDING = MethodHandles.lookup().findVarHandle(WakeSlot.class, "pending", Envelope.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through PENDING
  private volatile Envelope pending;

  /** Keeps {@code e} when its message is a wake-up, and then returns true. */
  boolean offer(Envelope e) {
    if (!(e.message() instanceof WakeUp)) {
      return false;
    }
    PENDING.setVolatile(this, e);
    return true;
  }

  /** Takes the pending wake-up, or returns null when there is none. */
  Envelope poll() {
    // a plain volatile read first: most takes find the slot empty and need no atomic swap
    return PENDING.getVolatile(this) == null ? null : (Envelope) PENDING.getAndSet(this, null);
  }

  /** Whether a wake-up is pending. */
  boolean isPending() {
    return PENDING.getVolatile(this) != null;
  }
}
