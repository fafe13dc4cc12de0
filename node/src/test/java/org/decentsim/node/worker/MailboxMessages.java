package org.decentsim.node.worker;

import akka.actor.typed.ActorRef;
import akka.dispatch.Envelope;
import akka.dispatch.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;

/** What the mailbox tests put into a worker's or the coordinator's message queue and take out. */
final class MailboxMessages {
  private MailboxMessages() {}

  /** A job of client 0 due at {@code due}, its result to go to {@code replyTo}. */
  static WorkerProtocol.Train trainDue(double due, ActorRef<CoordinatorProtocol.Command> replyTo) {
    return new WorkerProtocol.Train(0, 1, 0, due, Vector.copyOf(new double[2]), null, 1, replyTo);
  }

  /** Puts {@code messages} into {@code q}, in that order, without a sender. */
  static void enqueue(MessageQueue q, Object... messages) {
    for (Object m : messages) {
      q.enqueue(null, new Envelope(m, null));
    }
  }

  /** The messages {@code q} gives until it is empty, in that order. */
  static List<Object> drain(MessageQueue q) {
    List<Object> out = new ArrayList<>();
    for (Envelope e = q.dequeue(); e != null; e = q.dequeue()) {
      out.add(e.message());
    }
    return out;
  }
}
