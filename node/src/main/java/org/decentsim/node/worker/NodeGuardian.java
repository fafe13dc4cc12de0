package org.decentsim.node.worker;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
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
          for (ClientShard shard : deal(federation, workers)) {
            spawn(ctx, shard, Worker.create(shard), coordinator);
          }
          return Behaviors.empty();
        });
  }

  /**
   * The shards of {@code workers} Worker actors (no more than the clients): shard k hosts clients
   * {@code k, k + w, ...}, so client c is on shard {@link ClientShard#dealtTo}{@code (c, w)}.
   */
  static ClientShard[] deal(Federation federation, int workers) {
    int m = federation.clients();
    int w = Math.max(1, Math.min(workers, m));
    ClientShard[] shards = new ClientShard[w];
    federation.clientStates().updateBuffers(federation.modelDim()).deal(w);
    for (int k = 0; k < w; k++) {
      shards[k] = federation.shard(k, w, (m - k + w - 1) / w);
    }
    return shards;
  }

  /**
   * The same with the shards of {@code jobs}: the workers drop the jobs the coordinator took (see
   * {@link LocalJobs}; the coordinator must offer every job it sends).
   */
  public static Behavior<Void> create(
      LocalJobs jobs, ActorRef<CoordinatorProtocol.Command> coordinator) {
    return Behaviors.setup(
        ctx -> {
          for (int k = 0; k < jobs.workers(); k++) {
            spawn(ctx, jobs.shard(k), Worker.create(jobs, k, coordinator), coordinator);
          }
          return Behaviors.empty();
        });
  }

  private static void spawn(
      ActorContext<Void> ctx,
      ClientShard shard,
      Behavior<WorkerProtocol.Command> worker,
      ActorRef<CoordinatorProtocol.Command> coordinator) {
    ActorRef<WorkerProtocol.Command> ref =
        ctx.spawn(
            Behaviors.supervise(worker).onFailure(Exception.class, SupervisorStrategy.restart()),
            "worker-" + shard.first(),
            MailboxSelector.fromConfig(DueTimeMailbox.CONFIG_PATH));
    coordinator.tell(
        new CoordinatorProtocol.WorkerReady(ref, shard.first(), shard.stride(), shard.count()));
  }
}
