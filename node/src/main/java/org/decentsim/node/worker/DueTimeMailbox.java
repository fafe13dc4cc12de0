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
import org.decentsim.proto.protocol.WorkerProtocol;
import scala.Option;

/**
 * A Worker's mailbox: waiting jobs come out earliest due first (ties in arrival order), any other
 * message after them. The event queue needs results in order of their virtual due time, so a worker
 * holding several jobs computes first the one the coordinator will wait for soonest instead of the
 * one it was sent first. Only the order of computation changes: every client has at most one job in
 * flight and clients share no state, so results do not depend on it.
 *
 * <p>Senders append to a lock-free queue; the worker, the only consumer, moves what has arrived
 * into a heap of its own before each take, so neither side ever waits on a lock. A pending {@link
 * org.decentsim.proto.protocol.WakeUp} is kept in a {@link WakeSlot} and comes out first.
 */
public final class DueTimeMailbox
    implements MailboxType, ProducesMessageQueue<DueTimeMailbox.Queue> {
  /** The config path that selects this mailbox (bound in the node module's reference.conf). */
  public static final String CONFIG_PATH = "decentsim-worker-mailbox";

  /** Called by Akka with the system's settings and this mailbox's config section. */
  public DueTimeMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue();
  }

  /** When a message is needed: a job's due time, anything else after every job. */
  static double due(Object message) {
    return message instanceof WorkerProtocol.Train t ? t.dueTime() : Double.POSITIVE_INFINITY;
  }

  /**
   * The queue of one worker. {@link #dequeue} runs on one thread at a time (the mailbox is
   * scheduled on one thread at a time, which also orders memory between successive takes), so the
   * heap needs no lock; {@link #hasMessages} may be asked from other threads and reads only the
   * volatile size and the concurrent queue.
   */
  static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {
    private final ConcurrentLinkedQueue<Envelope> incoming = new ConcurrentLinkedQueue<>();
    private final DueHeap heap = new DueHeap();
    private final WakeSlot wake = new WakeSlot();
    private volatile int size;

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      if (!wake.offer(handle)) {
        incoming.offer(handle);
      }
    }

    @Override
    public Envelope dequeue() {
      Envelope w = wake.poll();
      if (w != null) {
        return w;
      }
      for (Envelope e = incoming.poll(); e != null; e = incoming.poll()) {
        heap.add(due(e.message()), 0, 0, 0, e);
      }
      if (heap.isEmpty()) {
        return null;
      }
      Envelope top = (Envelope) heap.removeFirst();
      size = heap.size();
      return top;
    }

    @Override
    public int numberOfMessages() {
      return size + incoming.size() + (wake.isPending() ? 1 : 0);
    }

    @Override
    public boolean hasMessages() {
      return size > 0 || wake.isPending() || !incoming.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      for (Envelope e = dequeue(); e != null; e = dequeue()) {
        deadLetters.enqueue(owner, e);
      }
    }
  }
}
