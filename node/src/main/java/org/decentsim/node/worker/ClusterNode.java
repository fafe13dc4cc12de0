package org.decentsim.node.worker;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Down;
import akka.cluster.typed.Subscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * The guardian of a worker node in cluster mode (DESIGN.md §7): registers with the Receptionist,
 * builds a run's clients when a coordinator assigns them, and hosts them on Worker actors.
 *
 * <p>A node hosts one run at a time. It stops that run's workers when the coordinator ends the run
 * or is lost (unreachable for longer than {@code downAfter}, or gone from the cluster); it then
 * terminates its actor system unless the run asked to keep it.
 */
public final class ClusterNode extends AbstractBehavior<NodeProtocol.Command> {
  /** The cluster role of the coordinator's node. */
  public static final String COORDINATOR_ROLE = "coordinator";

  /** The cluster role of worker nodes. */
  public static final String WORKER_ROLE = "worker";

  /** Builds a run's federation from the resolved scenario text. */
  @FunctionalInterface
  public interface FederationFactory {
    /**
     * @throws Exception with a message fit for the user when the scenario cannot be built here
     */
    Federation build(String scenario) throws Exception;
  }

  private record MemberChanged(ClusterEvent.MemberEvent event) implements NodeProtocol.Local {}

  private record Reachability(ClusterEvent.ReachabilityEvent event) implements NodeProtocol.Local {}

  private record DownIfUnreachable(Address address) implements NodeProtocol.Local {}

  private final FederationFactory factory;
  private final int workersPerRun;
  private final Duration downAfter;
  private final TimerScheduler<NodeProtocol.Command> timers;
  private final List<ActorRef<WorkerProtocol.Command>> workers = new ArrayList<>();
  private String runId;
  private boolean keep;
  private ActorRef<CoordinatorProtocol.Command> coordinator;
  private Address coordinatorAddress;
  private Federation federation;
  private int spawned;

  /**
   * @param workers Worker actors per run (the launcher uses eight per dispatcher thread); a run's
   *     {@link NodeProtocol.Assign} may ask for another number
   */
  public static Behavior<NodeProtocol.Command> create(
      FederationFactory factory, int workers, Duration downAfter) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new ClusterNode(ctx, timers, factory, workers, downAfter)));
  }

  private ClusterNode(
      ActorContext<NodeProtocol.Command> ctx,
      TimerScheduler<NodeProtocol.Command> timers,
      FederationFactory factory,
      int workers,
      Duration downAfter) {
    super(ctx);
    this.timers = timers;
    this.factory = factory;
    this.workersPerRun = workers;
    this.downAfter = downAfter;
    ctx.getSystem().receptionist().tell(Receptionist.register(NodeProtocol.SERVICE, ctx.getSelf()));
    Cluster cluster = Cluster.get(ctx.getSystem());
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new),
                ClusterEvent.MemberEvent.class));
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new),
                ClusterEvent.ReachabilityEvent.class));
  }

  @Override
  public Receive<NodeProtocol.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodeProtocol.Assign.class, this::onAssign)
        .onMessage(NodeProtocol.Adopt.class, this::onAdopt)
        .onMessage(NodeProtocol.EndRun.class, this::onEndRun)
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(Reachability.class, this::onReachability)
        .onMessage(DownIfUnreachable.class, this::onDownIfUnreachable)
        .build();
  }

  private Behavior<NodeProtocol.Command> onAssign(NodeProtocol.Assign a) {
    if (runId != null) {
      getContext().getLog().warn("run {} replaces run {} on this node", a.runId(), runId);
      stopWorkers();
    }
    Federation fed;
    try {
      fed = factory.build(a.scenario());
    } catch (Exception e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      getContext().getLog().error("cannot build the clients of run {}: {}", a.runId(), reason);
      a.coordinator()
          .tell(new CoordinatorProtocol.NodeFailed(a.runId(), getContext().getSelf(), reason));
      join(a, null); // the run's end (or its coordinator's loss) still stops this node
      return Behaviors.same();
    }
    join(a, fed);
    int m = fed.clients();
    int count = a.nodeIndex() < m ? (m - a.nodeIndex() + a.nodes() - 1) / a.nodes() : 0;
    int w = Math.max(1, Math.min(a.workers() > 0 ? a.workers() : workersPerRun, count));
    for (int k = 0; k < w && count > 0; k++) {
      int first = a.nodeIndex() + k * a.nodes();
      int stride = w * a.nodes();
      int n = (count - k + w - 1) / w;
      ActorRef<WorkerProtocol.Command> ref = spawnWorker(fed.shard(first, stride, n));
      coordinator.tell(new CoordinatorProtocol.WorkerReady(ref, first, stride, n));
    }
    String fingerprint = fed.fingerprint(a.nodeIndex(), a.nodes(), count);
    getContext()
        .getLog()
        .info(
            "run {}: hosting {} of {} clients (node {} of {}) on {} workers; data {}",
            runId,
            count,
            m,
            a.nodeIndex(),
            a.nodes(),
            workers.size(),
            fingerprint.substring(0, 12));
    coordinator.tell(
        new CoordinatorProtocol.NodeReady(runId, getContext().getSelf(), fingerprint, count));
    return Behaviors.same();
  }

  private void join(NodeProtocol.Assign a, Federation fed) {
    runId = a.runId();
    keep = a.keep();
    federation = fed;
    coordinator = a.coordinator();
    coordinatorAddress = coordinator.path().address();
  }

  private ActorRef<WorkerProtocol.Command> spawnWorker(ClientShard shard) {
    ActorRef<WorkerProtocol.Command> ref =
        getContext()
            .spawn(
                Behaviors.supervise(Worker.create(shard))
                    .onFailure(Exception.class, SupervisorStrategy.restart()),
                "worker-" + spawned++,
                MailboxSelector.fromConfig(DueTimeMailbox.CONFIG_PATH));
    workers.add(ref);
    return ref;
  }

  private Behavior<NodeProtocol.Command> onAdopt(NodeProtocol.Adopt a) {
    if (!a.runId().equals(runId) || federation == null) {
      getContext().getLog().warn("ignoring clients of run {}: this node runs {}", a.runId(), runId);
      return Behaviors.same();
    }
    ActorRef<WorkerProtocol.Command> ref =
        spawnWorker(federation.shard(a.first(), a.stride(), a.count()));
    getContext()
        .getLog()
        .info(
            "run {}: adopted {} clients ({} + k * {}) with fresh state",
            runId,
            a.count(),
            a.first(),
            a.stride());
    coordinator.tell(new CoordinatorProtocol.WorkerReady(ref, a.first(), a.stride(), a.count()));
    return Behaviors.same();
  }

  private Behavior<NodeProtocol.Command> onEndRun(NodeProtocol.EndRun e) {
    if (!e.runId().equals(runId)) {
      return Behaviors.same();
    }
    getContext().getLog().info("run {} ended", runId);
    return endRun(e.shutdown());
  }

  private Behavior<NodeProtocol.Command> endRun(boolean shutdown) {
    stopWorkers();
    runId = null;
    federation = null;
    coordinator = null;
    coordinatorAddress = null;
    if (shutdown) {
      getContext().getLog().info("stopping this node");
      getContext().getSystem().terminate();
    }
    return Behaviors.same();
  }

  private void stopWorkers() {
    for (ActorRef<WorkerProtocol.Command> w : workers) {
      getContext().stop(w);
    }
    workers.clear();
  }

  private Behavior<NodeProtocol.Command> onMemberChanged(MemberChanged m) {
    Member member = m.event().member();
    if (m.event() instanceof ClusterEvent.MemberRemoved
        && runId != null
        && member.address().equals(coordinatorAddress)) {
      getContext().getLog().warn("run {}: the coordinator left the cluster", runId);
      return endRun(!keep);
    }
    return Behaviors.same();
  }

  private Behavior<NodeProtocol.Command> onReachability(Reachability r) {
    Member member = r.event().member();
    if (r.event() instanceof ClusterEvent.UnreachableMember && member.hasRole(COORDINATOR_ROLE)) {
      getContext()
          .getLog()
          .warn("coordinator {} is unreachable; downing it in {}", member.address(), downAfter);
      timers.startSingleTimer(member.address(), new DownIfUnreachable(member.address()), downAfter);
    } else if (r.event() instanceof ClusterEvent.ReachableMember) {
      timers.cancel(member.address());
    }
    return Behaviors.same();
  }

  private Behavior<NodeProtocol.Command> onDownIfUnreachable(DownIfUnreachable d) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    boolean unreachable =
        cluster.state().getUnreachable().stream().anyMatch(m -> m.address().equals(d.address()));
    if (unreachable) {
      getContext().getLog().warn("downing the unreachable coordinator {}", d.address());
      cluster.manager().tell(new Down(d.address()));
      if (runId != null && d.address().equals(coordinatorAddress)) {
        return endRun(!keep);
      }
    }
    return Behaviors.same();
  }
}
