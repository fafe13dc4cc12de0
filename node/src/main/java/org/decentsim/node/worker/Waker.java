package org.decentsim.node.worker;

import akka.actor.ActorRefWithCell;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.dispatch.Envelope;
import org.decentsim.proto.protocol.WakeUp;

/**
 * Sends one actor its {@link WakeUp} message again and again without allocating. A {@code tell}
 * builds a new envelope for every message; for an actor in this JVM the waker builds the envelope
 * once and hands it straight to the actor's cell, the step {@code tell} takes after building it. In
 * a mailbox with a {@link WakeSlot} ({@link DueTimeMailbox}, {@link WakeUpMailbox}) the wake-up
 * then costs no allocation at all. Wake-ups are sent only in one JVM (between the lanes' takers),
 * so an actor elsewhere is refused.
 *
 * <p>This relies on Akka 2.6's internal {@code ActorRefWithCell} and {@code Cell.sendMessage} (the
 * version is pinned; {@code WakerTest} fails if a local actor is no longer reached that way).
 */
public final class Waker<T> {
  private final ActorRef<T> target;
  private final ActorRefWithCell local;
  private final Envelope envelope;

  /** A waker that sends {@code message}, a {@link WakeUp}, to {@code target}. */
  public Waker(ActorRef<T> target, T message) {
    if (!(message instanceof WakeUp)) {
      throw new IllegalArgumentException(message + " is not a wake-up message");
    }
    if (!(Adapter.toClassic(target) instanceof ActorRefWithCell withCell)) {
      throw new IllegalArgumentException(target + " is not an actor of this JVM");
    }
    this.target = target;
    this.local = withCell;
    this.envelope =
        Envelope.apply(message, akka.actor.ActorRef.noSender(), withCell.underlying().system());
  }

  /** Sends the wake-up. */
  public void wake() {
    local.underlying().sendMessage(envelope); // the cell read each time: it is set once started
  }

  /** The actor this waker wakes. */
  public ActorRef<T> target() {
    return target;
  }
}
