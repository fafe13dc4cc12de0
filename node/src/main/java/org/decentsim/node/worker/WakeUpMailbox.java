package org.decentsim.node.worker;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.dispatch.Envelope;
import akka.dispatch.MailboxType;
import akka.dispatch.MessageQueue;
import akka.dispatch.ProducesMessageQueue;
import akka.dispatch.UnboundedMessageQueueSemantics;
import com.typesafe.config.Config;
import java.util.concurrent.ConcurrentLinkedQueue;
import scala.Option;

/**
 * The coordinator's mailbox in one JVM: messages in the order they came, except that a pending
 * {@link org.decentsim.proto.protocol.WakeUp} is kept in a {@link WakeSlot} and comes out first.
 * With a {@link Waker}, the results-waiting wake-ups then allocate nothing.
 */
public final class WakeUpMailbox implements MailboxType, ProducesMessageQueue<WakeUpMailbox.Queue> {
  /** The config path that selects this mailbox (bound in the node module's reference.conf). */
  public static final String CONFIG_PATH = "decentsim-wake-up-mailbox";

  /** Called by Akka with the system's settings and this mailbox's config section. */
  public WakeUpMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue();
  }

  /** The queue of one actor: a lock-free queue and the wake-up slot. */
  static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {
    private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final WakeSlot wake = new WakeSlot();

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      if (!wake.offer(handle)) {
        queue.offer(handle);
      }
    }

    @Override
    public Envelope dequeue() {
      Envelope w = wake.poll();
      return w != null ? w : queue.poll();
    }

    @Override
    public int numberOfMessages() {
      return queue.size() + (wake.isPending() ? 1 : 0);
    }

    @Override
    public boolean hasMessages() {
      return wake.isPending() || !queue.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      for (Envelope e = dequeue(); e != null; e = dequeue()) {
        deadLetters.enqueue(owner, e);
      }
    }
  }
}
