package org.decentsim.node.worker;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * One per JVM: spawns {@code workers} Worker actors, gives worker w the clients {@code w, w +
 * workers, ...} (a deterministic assignment by client id), and announces each to the coordinator
 * with a {@link CoordinatorProtocol.WorkerReady}. Workers are restarted if they throw.
 */
public final class NodeGuardian {
  private NodeGuardian() {}

  public static Behavior<Void> create(
      Federation federation, int workers, ActorRef<CoordinatorProtocol.Command> coordinator) {
    return Behaviors.setup(
        ctx -> {
          int m = federation.clients();
          int w = Math.max(1, Math.min(workers, m));
          for (int k = 0; k < w; k++) {
            int count = (m - k + w - 1) / w;
            ClientShard shard = federation.shard(k, w, count);
            ActorRef<WorkerProtocol.Command> ref =
                ctx.spawn(
                    Behaviors.supervise(Worker.create(shard))
                        .onFailure(Exception.class, SupervisorStrategy.restart()),
                    "worker-" + k,
                    MailboxSelector.fromConfig(DueTimeMailbox.CONFIG_PATH));
            coordinator.tell(new CoordinatorProtocol.WorkerReady(ref, k, w, count));
          }
          return Behaviors.empty();
        });
  }
}
