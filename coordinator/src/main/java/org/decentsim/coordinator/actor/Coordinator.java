package org.decentsim.coordinator.actor;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Down;
import akka.cluster.typed.Subscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.decentsim.coordinator.engine.DirectExecutor;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.worker.Doorbell;
import org.decentsim.node.worker.HotReceive;
import org.decentsim.node.worker.Lane;
import org.decentsim.node.worker.LocalJobs;
import org.decentsim.node.worker.Waker;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * Drives a {@link Simulation}: waits until workers covering every client have announced themselves,
 * starts the run, sends each job to the worker hosting its client (tell, never ask), and feeds
 * results back. Order comes from the simulation's event queue, not from the order in which results
 * arrive. When the run ends it hands the outcome to {@code onDone} and stops.
 *
 * <p>In cluster mode ({@link #cluster}) it first waits for the expected worker nodes, assigns
 * client {@code i} to node {@code i mod n} (nodes in address order), checks that every node built
 * the same data, and watches membership: a node unreachable for longer than {@code downAfter} (or
 * gone) is downed, its clients are re-created with fresh state on the surviving nodes, the jobs
 * they had in flight are sent again, and a fault event says what was reset.
 *
 * <p>In one JVM ({@link LocalJobs}), when the run waits for a job that no worker has started, the
 * coordinator computes it on its own thread, at most one per message it handles (with lanes: per
 * batch of results it takes); the worker then drops it. Otherwise the run would wait for that job
 * while it sits in a mailbox behind other jobs of the same worker, or for a worker's thread to be
 * woken and the result to come back.
 *
 * <p>With lanes ({@link LocalJobs#hasLanes}, one-JVM runs), jobs and results travel through them
 * rather than as a Train and an Update each: the coordinator appends a job to its worker's lane and
 * sends that worker a {@link WorkerProtocol.JobsWaiting} only when it sleeps, and takes the results
 * from the workers' lanes whenever the run stops for one, sleeping (and being woken by a {@link
 * CoordinatorProtocol.ResultsWaiting}) only when none is waiting. A job or result that finds its
 * lane full goes as a message.
 *
 * <p>Handlers return {@code Behaviors.same()}, never {@code this}: the actor runs inside the
 * timers' interceptor, which wraps any other returned behavior in a new interceptor, an allocation
 * on every message.
 */
public final class Coordinator extends AbstractBehavior<CoordinatorProtocol.Command> {
  private final Simulation simulation;
  private final Consumer<Outcome> onDone;
  private final ActorRef<WorkerProtocol.Command>[] workerOf;
  private final LocalJobs jobs; // null: the workers compute every job
  // with jobs: the Worker actors by shard, client c's being byShard[jobs.shardOf(c)]
  private ActorRef<WorkerProtocol.Command>[] byShard;
  // with lanes: what wakes each shard's worker (a JobsWaiting, sent without allocating)
  private Waker<WorkerProtocol.Command>[] wakers;
  // with lanes (jobs.hasLanes()): jobs appended to each worker's lane since its bell was last rung
  private final int[] unrung;
  private final Lane.Taker results = this::onResult;

  private int covered;
  private boolean started;

  /** Computes the data fingerprint of clients {@code first, first + stride, ...}. */
  @FunctionalInterface
  public interface Fingerprints {
    String of(int first, int stride, int count);
  }

  /**
   * How to run on a cluster.
   *
   * @param runId names this run in every node message
   * @param scenario the resolved scenario text the nodes build their clients from
   * @param nodes worker nodes to wait for and use
   * @param workersPerNode Worker actors per node (0: the node's own default)
   * @param keepNodes leave the nodes running after the run
   * @param joinTimeout how long to wait for the nodes to join and report ready
   * @param downAfter how long a node may stay unreachable before it is downed and replaced
   * @param fingerprints the coordinator's own fingerprints, to compare with the nodes'
   * @param onError receives the failure when the run cannot start
   */
  public record ClusterPlan(
      String runId,
      String scenario,
      int nodes,
      int workersPerNode,
      boolean keepNodes,
      Duration joinTimeout,
      Duration downAfter,
      Fingerprints fingerprints,
      Consumer<RuntimeException> onError) {}

  /** Why a cluster run could not start (no metrics exist yet). */
  public static final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
      super(message);
    }
  }

  private record Listed(Set<ActorRef<NodeProtocol.Command>> nodes)
      implements CoordinatorProtocol.Local {}

  private record MemberChanged(ClusterEvent.MemberEvent event)
      implements CoordinatorProtocol.Local {}

  private record Reachability(ClusterEvent.ReachabilityEvent event)
      implements CoordinatorProtocol.Local {}

  private record DownIfUnreachable(Address address) implements CoordinatorProtocol.Local {}

  private enum Timeout implements CoordinatorProtocol.Local {
    INSTANCE
  }

  /** Realtime mode: the next event falls due. */
  private enum Wake implements CoordinatorProtocol.Local {
    INSTANCE
  }

  /** Looks whether the run was asked to stop (Ctrl-C) while no result arrives to wake it. */
  private enum StopCheck implements CoordinatorProtocol.Local {
    INSTANCE
  }

  // cluster mode only (plan == null in one JVM)
  private final ClusterPlan plan;
  private final TimerScheduler<CoordinatorProtocol.Command> timers;
  private final WorkerProtocol.Train[] inFlight;
  private final List<ActorRef<NodeProtocol.Command>> nodes = new ArrayList<>();
  private final Set<Address> lost = new HashSet<>();
  private final Address[] adoptingAt; // the node asked to re-create each client, until it has
  private final boolean[] resendInFull; // a job sent before its client's state was reset
  private int nodesReady;

  /** A coordinator for one JVM: the workers announce themselves to it. */
  public static Behavior<CoordinatorProtocol.Command> create(
      Simulation simulation, int clients, Consumer<Outcome> onDone) {
    return create(simulation, clients, onDone, null);
  }

  /**
   * A coordinator for one JVM whose workers host the shards of {@code jobs} (null: as {@link
   * #create(Simulation, int, Consumer)}): it offers every job it sends there, and when the run
   * waits for a job no worker has started, it computes that job itself instead of waiting. Not in
   * realtime mode, where the wall clock, not the results, sets the pace.
   */
  public static Behavior<CoordinatorProtocol.Command> create(
      Simulation simulation, int clients, Consumer<Outcome> onDone, LocalJobs jobs) {
    if (jobs != null && simulation.isRealtime()) {
      throw new IllegalArgumentException("the coordinator computes no jobs in realtime mode");
    }
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new Coordinator(ctx, timers, simulation, clients, onDone, null, jobs)));
  }

  /** A coordinator on a cluster, run as described by {@code plan}. */
  public static Behavior<CoordinatorProtocol.Command> cluster(
      Simulation simulation, int clients, ClusterPlan plan, Consumer<Outcome> onDone) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new Coordinator(ctx, timers, simulation, clients, onDone, plan, null)));
  }

  @SuppressWarnings("unchecked")
  private Coordinator(
      ActorContext<CoordinatorProtocol.Command> ctx,
      TimerScheduler<CoordinatorProtocol.Command> timers,
      Simulation simulation,
      int clients,
      Consumer<Outcome> onDone,
      ClusterPlan plan,
      LocalJobs jobs) {
    super(ctx);
    this.simulation = simulation;
    this.jobs = jobs;
    this.onDone = onDone;
    this.workerOf = (ActorRef<WorkerProtocol.Command>[]) new ActorRef<?>[clients];
    this.plan = plan;
    this.timers = timers;
    this.inFlight = plan == null ? null : new WorkerProtocol.Train[clients];
    this.adoptingAt = plan == null ? null : new Address[clients];
    this.resendInFull = plan == null ? null : new boolean[clients];
    this.unrung = jobs != null && jobs.hasLanes() ? new int[jobs.workers()] : null;
    if (plan != null || simulation.isRealtime()) {
      // nothing else may wake this actor when the nodes are gone or no event is due
      timers.startTimerWithFixedDelay(StopCheck.INSTANCE, Duration.ofMillis(250));
    }
    if (plan != null) {
      ctx.getSystem()
          .receptionist()
          .tell(
              Receptionist.subscribe(
                  NodeProtocol.SERVICE,
                  ctx.messageAdapter(
                      Receptionist.Listing.class,
                      l -> new Listed(l.getServiceInstances(NodeProtocol.SERVICE)))));
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
      timers.startSingleTimer(Timeout.INSTANCE, plan.joinTimeout());
      ctx.getLog()
          .info(
              "waiting up to {} s for {} worker node(s) at {}",
              plan.joinTimeout().toSeconds(),
              plan.nodes(),
              cluster.selfMember().address());
    }
  }

  @Override
  public Receive<CoordinatorProtocol.Command> createReceive() {
    // the messages of every event, and with lanes of every wake-up, skip the built receive
    return new HotReceive<>(
        CoordinatorProtocol.ResultsWaiting.class,
        m -> advance(),
        new HotReceive<>(
            CoordinatorProtocol.Update.class,
            this::onUpdate,
            newReceiveBuilder()
                .onMessage(CoordinatorProtocol.WorkerReady.class, this::onWorkerReady)
                .onMessage(CoordinatorProtocol.Fault.class, this::onFault)
                .onMessage(CoordinatorProtocol.NodeReady.class, this::onNodeReady)
                .onMessage(CoordinatorProtocol.NodeFailed.class, this::onNodeFailed)
                .onMessage(Listed.class, this::onListed)
                .onMessage(MemberChanged.class, this::onMemberChanged)
                .onMessage(Reachability.class, this::onReachability)
                .onMessage(DownIfUnreachable.class, this::onDownIfUnreachable)
                .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
                .onMessageEquals(StopCheck.INSTANCE, this::onStopCheck)
                .onMessageEquals(Wake.INSTANCE, this::advance)
                .build()));
  }

  private Behavior<CoordinatorProtocol.Command> onWorkerReady(CoordinatorProtocol.WorkerReady r) {
    if (plan != null) {
      if (lost.contains(r.worker().path().address())) {
        return Behaviors.same(); // announced by a node lost since
      }
    }
    for (int k = 0; k < r.count(); k++) {
      int c = r.first() + k * r.stride();
      if (adoptingAt != null) {
        adoptingAt[c] = null;
      }
      if (workerOf[c] == null) {
        covered++;
        if (started && inFlight[c] != null) {
          resend(inFlight[c], r.worker());
        }
      }
      workerOf[c] = r.worker();
    }
    return maybeStart();
  }

  private Behavior<CoordinatorProtocol.Command> maybeStart() {
    if (started || covered != workerOf.length) {
      return Behaviors.same();
    }
    if (plan != null && nodesReady < plan.nodes()) {
      return Behaviors.same();
    }
    started = true;
    if (jobs != null) {
      byShard = shardWorkers();
      if (jobs.hasLanes()) {
        wakers = wakers(byShard);
      }
    }
    if (plan != null) {
      timers.cancel(Timeout.INSTANCE);
      getContext().getLog().info("all {} clients hosted; starting", workerOf.length);
    }
    simulation.start(this::send);
    return advance();
  }

  private void send(
      int client,
      long seq,
      long modelVersion,
      double due,
      Vector model,
      Payload modelPayload,
      int localSteps) {
    if (jobs != null) {
      jobs.offer(client, seq);
      Object carried = model != null ? model : modelPayload;
      simulation.setJobHandle(client, carried);
      if (unrung != null) {
        int k = jobs.shardOf(client);
        if (jobs.jobLane(k).append(client, seq, due, localSteps, carried)) {
          unrung[k]++;
          if (jobs.workerBell(k).seemsAsleep()) {
            ring(k);
          }
          return;
        }
      }
    }
    WorkerProtocol.Train job =
        new WorkerProtocol.Train(
            client,
            seq,
            modelVersion,
            due,
            model,
            modelPayload,
            localSteps,
            getContext().getSelf());
    if (inFlight != null) {
      inFlight[client] = job;
      resendInFull[client] = false;
      if (workerOf[client] == null) {
        return; // its node was lost; sent when the client is hosted again
      }
    }
    (byShard != null ? byShard[jobs.shardOf(client)] : workerOf[client]).tell(job);
  }

  /** Wakes worker {@code k} if it sleeps: jobs wait in its lane. */
  private void ring(int k) {
    unrung[k] = 0;
    if (jobs.workerBell(k).ring()) {
      wakers[k].wake();
    }
  }

  /** Wakes every sleeping worker that has jobs in its lane it was not woken for. */
  private void ringAll() {
    for (int k = 0; k < unrung.length; k++) {
      if (unrung[k] > 0) {
        ring(k);
      }
    }
  }

  /**
   * The Worker actors by shard when client c is hosted by the worker of {@code jobs.shardOf(c)}, as
   * {@link LocalJobs} deals them; otherwise fails. A job's worker is then found without a load from
   * the per-client array, a cache miss of its own on every dispatch at a million clients.
   */
  @SuppressWarnings("unchecked")
  private ActorRef<WorkerProtocol.Command>[] shardWorkers() {
    ActorRef<WorkerProtocol.Command>[] w =
        (ActorRef<WorkerProtocol.Command>[]) new ActorRef<?>[jobs.workers()];
    for (int c = 0; c < workerOf.length; c++) {
      int k = jobs.shardOf(c);
      if (w[k] == null) {
        w[k] = workerOf[c];
      } else if (!w[k].equals(workerOf[c])) {
        throw new IllegalStateException(
            "client " + c + " is hosted by " + workerOf[c] + ", not by shard " + k + "'s " + w[k]);
      }
    }
    return w;
  }

  /** A {@link Waker} with the JobsWaiting of each of {@code workers}. */
  @SuppressWarnings("unchecked")
  private static Waker<WorkerProtocol.Command>[] wakers(
      ActorRef<WorkerProtocol.Command>[] workers) {
    Waker<WorkerProtocol.Command>[] w =
        (Waker<WorkerProtocol.Command>[]) new Waker<?>[workers.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = new Waker<>(workers[k], WorkerProtocol.JobsWaiting.INSTANCE);
    }
    return w;
  }

  /**
   * Sends a job to a re-created client. A job sent before the client's state was reset carries the
   * model it trains from in full: its compressed downlink message was encoded against state the new
   * client does not have. A job dispatched since then was encoded against the reset state and goes
   * as it is.
   */
  private void resend(WorkerProtocol.Train job, ActorRef<WorkerProtocol.Command> worker) {
    boolean full = resendInFull[job.clientId()];
    resendInFull[job.clientId()] = false;
    worker.tell(
        full
            ? new WorkerProtocol.Train(
                job.clientId(),
                job.eventSeq(),
                job.modelVersion(),
                job.dueTime(),
                simulation.trainingModel(job.clientId()),
                null,
                job.localSteps(),
                getContext().getSelf())
            : job);
  }

  private Behavior<CoordinatorProtocol.Command> onUpdate(CoordinatorProtocol.Update u) {
    if (!complete(
        u.clientId(), u.eventSeq(), u.delta() != null ? u.delta().readOnlyArray() : u.payload())) {
      return Behaviors.same();
    }
    answered(u.clientId());
    return advance();
  }

  /** A result from a worker's lane. */
  private void onResult(int client, long seq, double due, int localSteps, Object result) {
    complete(client, seq, result);
  }

  /**
   * Hands in the result of a job: its update array or its payload.
   *
   * @return false when it matches no job in flight (it is then logged and dropped)
   */
  private boolean complete(int client, long seq, Object result) {
    try {
      if (result instanceof double[] delta) {
        simulation.complete(client, seq, delta);
      } else {
        simulation.complete(client, seq, (Payload) result);
      }
      return true;
    } catch (IllegalStateException e) {
      getContext()
          .getLog()
          .error("ignoring an update that matches no job in flight: {}", e.getMessage());
      return false;
    }
  }

  private Behavior<CoordinatorProtocol.Command> onFault(CoordinatorProtocol.Fault f) {
    getContext()
        .getLog()
        .warn("job {} of client {} failed: {}", f.eventSeq(), f.clientId(), f.reason());
    try {
      simulation.fail(f.clientId(), f.eventSeq(), f.reason());
    } catch (IllegalStateException e) {
      getContext()
          .getLog()
          .error("ignoring a fault that matches no job in flight: {}", e.getMessage());
      return Behaviors.same();
    }
    answered(f.clientId());
    return advance();
  }

  private void answered(int client) {
    if (inFlight != null) {
      inFlight[client] = null;
    }
  }

  /**
   * Runs the simulation as far as the results in allow. With {@link LocalJobs} it computes at most
   * {@link LocalJobs#jobsPerBatch} jobs itself per message or batch of results taken (one, unless
   * jobs are short): then it returns to the dispatcher, whose thread may be the one that would run
   * the workers' mailboxes, and the worker holding the next job it waits for will compute it and
   * write back if the coordinator has not taken it by then. With lanes it takes the results waiting
   * in them whenever the run stops for one, wakes the workers whose lanes hold jobs, and sleeps
   * only when no result is waiting.
   */
  private Behavior<CoordinatorProtocol.Command> advance() {
    int computed = 0;
    while (!simulation.isDone() && !simulation.run()) {
      if (unrung != null) {
        if (takeResults()) {
          computed = 0;
          continue;
        }
        ringAll();
      }
      if (jobs != null && computed < jobs.jobsPerBatch() && computeAwaited()) {
        computed++;
        continue;
      }
      if (unrung != null && !sleep()) {
        continue;
      }
      return waitForResults();
    }
    return finish();
  }

  /** Takes the results waiting in the workers' lanes; false when there were none. */
  private boolean takeResults() {
    int taken = 0;
    for (int k = 0; k < unrung.length; k++) {
      taken += jobs.resultLane(k).takeAll(results);
    }
    return taken > 0;
  }

  /**
   * Marks the coordinator asleep, so that the next result appended wakes it with a message, unless
   * a result came in meanwhile.
   *
   * @return false when a result is waiting: the coordinator goes on
   */
  private boolean sleep() {
    if (jobs.spinRounds() > 0) {
      int c = simulation.awaitedClient();
      if (c >= 0 && jobs.isTaken(c, simulation.jobSeq(c)) && spinForResults()) {
        return false;
      }
    }
    Doorbell bell = jobs.coordinatorBell();
    bell.sleep();
    if (!jobs.resultsWaiting()) {
      return true;
    }
    bell.wake(); // if a worker rang meanwhile, its ResultsWaiting will find nothing to do
    return false;
  }

  /**
   * Waits on this thread, for at most {@link LocalJobs#spinRounds} rounds of 16 spin-waits, until a
   * result is in a lane: the job the run waits for is being computed, and for short jobs its result
   * comes sooner than a thread that has gone to sleep can be woken. (Counted in rounds, not in wall
   * time, which the coordinator module does not read.)
   *
   * @return true when a result came
   */
  private boolean spinForResults() {
    for (int round = jobs.spinRounds(); round > 0; round--) {
      for (int i = 0; i < 16; i++) {
        Thread.onSpinWait();
      }
      if (jobs.resultsWaiting()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Computes on this thread the job whose result the run waits for, when its worker has not taken
   * it yet (see {@link LocalJobs}; only with jobs).
   *
   * @return false when there is no such job: the run must wait for a message
   */
  private boolean computeAwaited() {
    int c = simulation.awaitedClient();
    if (c < 0) {
      return false;
    }
    long seq = simulation.jobSeq(c);
    ClientShard shard = jobs.takeForCoordinator(c, seq);
    if (shard == null) {
      return false;
    }
    Object carried = simulation.jobHandle(c);
    try {
      DirectExecutor.compute(
          shard,
          simulation,
          c,
          seq,
          carried instanceof Vector v ? v : null,
          carried instanceof Payload p ? p : null,
          simulation.jobLocalSteps(c));
    } catch (RuntimeException e) {
      getContext().getLog().error("client {} failed on job {}", c, seq, e);
      simulation.fail(c, seq, e.toString());
    }
    return true;
  }

  private Behavior<CoordinatorProtocol.Command> waitForResults() {
    if (simulation.isRealtime()) {
      double wait = simulation.wallSecondsToNextEvent();
      if (Double.isFinite(wait)) {
        timers.startSingleTimer(Wake.INSTANCE, Duration.ofNanos((long) (wait * 1e9) + 1));
      }
    }
    return Behaviors.same();
  }

  private Behavior<CoordinatorProtocol.Command> finish() {
    endNodes();
    onDone.accept(simulation.outcome());
    return Behaviors.stopped();
  }

  private void endNodes() {
    if (plan == null) {
      return;
    }
    for (ActorRef<NodeProtocol.Command> n : nodes) {
      if (!lost.contains(n.path().address())) {
        n.tell(new NodeProtocol.EndRun(plan.runId(), !plan.keepNodes()));
      }
    }
  }

  private Behavior<CoordinatorProtocol.Command> fail(String message) {
    getContext().getLog().debug(message); // the launcher reports it
    endNodes();
    plan.onError().accept(new ClusterException(message));
    return Behaviors.stopped();
  }

  // ---- cluster mode ----

  private Behavior<CoordinatorProtocol.Command> onListed(Listed l) {
    if (!nodes.isEmpty()) {
      return Behaviors.same(); // assigned already; later joiners are not used by this run
    }
    List<ActorRef<NodeProtocol.Command>> all = new ArrayList<>(l.nodes());
    all.sort(Comparator.comparing(n -> n.path().address(), Coordinator::compareAddresses));
    if (all.size() < plan.nodes()) {
      getContext()
          .getLog()
          .info("{} of {} worker node(s) joined; waiting", all.size(), plan.nodes());
      return Behaviors.same();
    }
    if (all.size() > plan.nodes()) {
      getContext()
          .getLog()
          .info("{} worker nodes joined; using the first {} by address", all.size(), plan.nodes());
    }
    nodes.addAll(all.subList(0, plan.nodes()));
    timers.startSingleTimer(Timeout.INSTANCE, plan.joinTimeout());
    for (int k = 0; k < nodes.size(); k++) {
      getContext().getLog().info("node {}: {}", k, nodes.get(k).path().address());
      nodes
          .get(k)
          .tell(
              new NodeProtocol.Assign(
                  plan.runId(),
                  plan.scenario(),
                  k,
                  plan.nodes(),
                  plan.workersPerNode(),
                  getContext().getSelf(),
                  plan.keepNodes()));
    }
    return Behaviors.same();
  }

  /** Orders addresses by host, then port (numerically), then the rest. */
  static int compareAddresses(Address a, Address b) {
    int c = a.getHost().orElse("").compareTo(b.getHost().orElse(""));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.getPort().orElse(0), b.getPort().orElse(0));
    return c != 0 ? c : a.toString().compareTo(b.toString());
  }

  private Behavior<CoordinatorProtocol.Command> onNodeReady(CoordinatorProtocol.NodeReady r) {
    int k = nodes.indexOf(r.node());
    if (plan == null || !r.runId().equals(plan.runId()) || k < 0) {
      return Behaviors.same();
    }
    int n = plan.nodes();
    int m = workerOf.length;
    int count = k < m ? (m - k + n - 1) / n : 0;
    String expected = plan.fingerprints().of(k, n, count);
    if (!expected.equals(r.fingerprint()) || count != r.clients()) {
      return fail(
          "node "
              + r.node().path().address()
              + " built different data for its "
              + r.clients()
              + " clients than this coordinator did for "
              + count
              + " (data fingerprint "
              + r.fingerprint().substring(0, Math.min(12, r.fingerprint().length()))
              + "… vs "
              + expected.substring(0, 12)
              + "…): every machine must read an identical file at decentsim.data.path and run"
              + " the same decentsim version");
    }
    nodesReady++;
    return maybeStart();
  }

  private Behavior<CoordinatorProtocol.Command> onNodeFailed(CoordinatorProtocol.NodeFailed f) {
    if (plan == null || !f.runId().equals(plan.runId())) {
      return Behaviors.same();
    }
    return fail("node " + f.node().path().address() + " cannot build its clients: " + f.reason());
  }

  private Behavior<CoordinatorProtocol.Command> onStopCheck() {
    if (!simulation.isStopRequested()) {
      return Behaviors.same();
    }
    if (!started) {
      return plan != null ? fail("interrupted before the run started") : this;
    }
    return advance();
  }

  private Behavior<CoordinatorProtocol.Command> onTimeout() {
    if (started) {
      return Behaviors.same();
    }
    if (nodes.isEmpty()) {
      return fail(
          "fewer than "
              + plan.nodes()
              + " worker node(s) joined within "
              + plan.joinTimeout().toSeconds()
              + " s; start them with 'decentsim node --role worker --seed-nodes "
              + hostPort(Cluster.get(getContext().getSystem()).selfMember().address())
              + "', or lower --expect-nodes");
    }
    return fail(
        "only "
            + nodesReady
            + " of "
            + plan.nodes()
            + " worker node(s) built their clients within "
            + plan.joinTimeout().toSeconds()
            + " s (see the nodes' logs)");
  }

  private static String hostPort(Address a) {
    return a.getHost().orElse("?") + ":" + a.getPort().orElse(0);
  }

  private boolean hostsClients(Address a) {
    for (ActorRef<NodeProtocol.Command> n : nodes) {
      if (n.path().address().equals(a)) {
        return true;
      }
    }
    return false;
  }

  private Behavior<CoordinatorProtocol.Command> onReachability(Reachability r) {
    Address a = r.event().member().address();
    if (!hostsClients(a) || lost.contains(a)) {
      return Behaviors.same();
    }
    if (r.event() instanceof ClusterEvent.UnreachableMember) {
      getContext()
          .getLog()
          .warn(
              "worker node {} is unreachable; replacing it in {} s unless it comes back",
              a,
              plan.downAfter().toSeconds());
      timers.startSingleTimer(a, new DownIfUnreachable(a), plan.downAfter());
    } else {
      getContext().getLog().info("worker node {} is reachable again", a);
      timers.cancel(a);
    }
    return Behaviors.same();
  }

  private Behavior<CoordinatorProtocol.Command> onDownIfUnreachable(DownIfUnreachable d) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    boolean unreachable =
        cluster.state().getUnreachable().stream().anyMatch(m -> m.address().equals(d.address()));
    if (!unreachable || lost.contains(d.address())) {
      return Behaviors.same();
    }
    cluster.manager().tell(new Down(d.address()));
    return nodeLost(d.address(), "unreachable for " + plan.downAfter().toSeconds() + " s, downed");
  }

  private Behavior<CoordinatorProtocol.Command> onMemberChanged(MemberChanged m) {
    Address a = m.event().member().address();
    if ((m.event() instanceof ClusterEvent.MemberRemoved
            || m.event() instanceof ClusterEvent.MemberExited
            || m.event() instanceof ClusterEvent.MemberDowned)
        && hostsClients(a)
        && !lost.contains(a)) {
      return nodeLost(a, "left the cluster");
    }
    return Behaviors.same();
  }

  private Behavior<CoordinatorProtocol.Command> nodeLost(Address a, String why) {
    lost.add(a);
    timers.cancel(a);
    if (!started) {
      return fail("worker node " + a + " was lost before the run started (" + why + ")");
    }
    List<ActorRef<NodeProtocol.Command>> survivors = new ArrayList<>();
    for (ActorRef<NodeProtocol.Command> n : nodes) {
      if (!lost.contains(n.path().address())) {
        survivors.add(n);
      }
    }
    // the clients hosted there, and those it was asked to re-create after an earlier loss
    List<Integer> orphans = new ArrayList<>();
    int pending = 0;
    List<String> reset = List.of();
    for (int c = 0; c < workerOf.length; c++) {
      boolean hostedThere = workerOf[c] != null && workerOf[c].path().address().equals(a);
      if (hostedThere || a.equals(adoptingAt[c])) {
        orphans.add(c);
        pending += inFlight[c] != null ? 1 : 0;
        if (hostedThere) {
          reset = simulation.resetClient(c);
          resendInFull[c] = inFlight[c] != null;
          workerOf[c] = null;
          covered--;
        } // else it was reset when its first node was lost, and has not run since
      }
    }
    int clients = orphans.size();
    if (survivors.isEmpty()) {
      simulation.recordFault("worker node " + a + " lost (" + why + "): no worker node is left");
      simulation.abort(
          "every worker node was lost (the last, "
              + a
              + ", "
              + why
              + "); the metrics up to here are kept");
      return finish();
    }
    String event =
        "worker node "
            + a
            + " lost ("
            + why
            + "): its "
            + clients
            + " client(s) were re-created on "
            + survivors.size()
            + " surviving node(s) and their "
            + pending
            + " job(s) in flight computed again"
            + (reset.isEmpty() ? "" : "; reset for each: " + String.join(", ", reset));
    getContext().getLog().warn(event);
    simulation.recordFault(event);
    int s = survivors.size();
    for (int k = 0; k < s; k++) {
      List<Integer> mine = new ArrayList<>();
      for (int j = k; j < orphans.size(); j += s) {
        mine.add(orphans.get(j));
      }
      Address at = survivors.get(k).path().address();
      for (int[] run : arithmeticRuns(mine)) {
        for (int j = 0; j < run[2]; j++) {
          adoptingAt[run[0] + j * run[1]] = at;
        }
        survivors.get(k).tell(new NodeProtocol.Adopt(plan.runId(), run[0], run[1], run[2]));
      }
    }
    return Behaviors.same();
  }

  /**
   * Splits increasing client ids into maximal runs {@code first, first + stride, ...}: {@code
   * {first, stride, count}} each. A lost node's clients {@code k, k + n, ...} dealt to {@code s}
   * survivors give one run per survivor.
   */
  static List<int[]> arithmeticRuns(List<Integer> ids) {
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < ids.size()) {
      int first = ids.get(i);
      if (i + 1 == ids.size()) {
        runs.add(new int[] {first, 1, 1});
        break;
      }
      int stride = ids.get(i + 1) - first;
      int count = 2;
      while (i + count < ids.size() && ids.get(i + count) - ids.get(i + count - 1) == stride) {
        count++;
      }
      runs.add(new int[] {first, stride, count});
      i += count;
    }
    return runs;
  }
}
