package org.decentsim.node.worker;

import akka.actor.ActorSystem;
import akka.dispatch.Envelope;
import akka.dispatch.UnboundedStablePriorityMailbox;
import com.typesafe.config.Config;
import java.util.Comparator;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * A Worker's mailbox: waiting jobs come out earliest due first (ties in arrival order), any other
 * message after them. The event queue needs results in order of their virtual due time, so a worker
 * holding several jobs computes first the one the coordinator will wait for soonest instead of the
 * one it was sent first. Only the order of computation changes: every client has at most one job in
 * flight and clients share no state, so results do not depend on it.
 */
public final class DueTimeMailbox extends UnboundedStablePriorityMailbox {
  /** The config path that selects this mailbox (bound in the node module's reference.conf). */
  public static final String CONFIG_PATH = "decentsim-worker-mailbox";

  static final Comparator<Envelope> EARLIEST_DUE_FIRST =
      (a, b) -> Double.compare(due(a.message()), due(b.message()));

  /** Called by Akka with the system's settings and this mailbox's config section. */
  public DueTimeMailbox(ActorSystem.Settings settings, Config config) {
    super(EARLIEST_DUE_FIRST, 16);
  }

  static double due(Object message) {
    return message instanceof WorkerProtocol.Train t ? t.dueTime() : Double.POSITIVE_INFINITY;
  }
}
