package org.decentsim.node.worker;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import org.decentsim.node.client.ClientShard;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * Hosts a shard of simulated clients and runs their local work when the coordinator asks. Every
 * {@link WorkerProtocol.Train} it computes gets exactly one reply: an Update, or a Fault naming
 * what failed. In one JVM the coordinator may compute a job itself (see {@link LocalJobs}); the
 * worker then drops it. With lanes ({@link LocalJobs#hasLanes}) it takes its jobs from its lane
 * when woken by {@link WorkerProtocol.JobsWaiting}, and hands results back through its result lane;
 * a job or result that finds its lane full goes as a message.
 *
 * <p>{@link #onTrain} returns {@code Behaviors.same()}, not {@code this}: workers are supervised,
 * and the supervisor's interceptor would wrap any other returned behavior anew on every message.
 */
public final class Worker extends AbstractBehavior<WorkerProtocol.Command> {
  /**
   * Jobs a worker computes from its lane before it gives its thread back to the dispatcher (and
   * wakes itself again with a message), as the dispatcher's throughput does for messages.
   */
  static final int JOBS_PER_TURN = 100;

  private final ClientShard clients;
  private final LocalJobs jobs; // null: every job sent here is this worker's to compute
  private final int shard; // with lanes: the worker's index in jobs
  private ActorRef<CoordinatorProtocol.Command> coordinator; // with lanes: where results go
  // with lanes: the ResultsWaiting of the coordinator that takes from the result lane, and this
  // worker's own JobsWaiting
  private final Waker<CoordinatorProtocol.Command> wakeCoordinator;
  private final Waker<WorkerProtocol.Command> wakeSelf;
  private boolean unrung; // results appended since the coordinator's bell was last rung

  /** A worker that computes every job sent to it (a cluster node's, or one without LocalJobs). */
  public static Behavior<WorkerProtocol.Command> create(ClientShard clients) {
    return Behaviors.setup(ctx -> new Worker(ctx, clients, null, -1, null));
  }

  /**
   * Worker {@code k} of {@code jobs}, hosting {@code jobs.shard(k)}. With lanes it looks at its
   * lane when it starts (or restarts), and sends its results to {@code coordinator}.
   */
  public static Behavior<WorkerProtocol.Command> create(
      LocalJobs jobs, int k, ActorRef<CoordinatorProtocol.Command> coordinator) {
    return Behaviors.setup(
        ctx -> {
          if (jobs.hasLanes()) {
            ctx.getSelf().tell(WorkerProtocol.JobsWaiting.INSTANCE);
          }
          return new Worker(ctx, jobs.shard(k), jobs, k, coordinator);
        });
  }

  private Worker(
      ActorContext<WorkerProtocol.Command> ctx,
      ClientShard clients,
      LocalJobs jobs,
      int shard,
      ActorRef<CoordinatorProtocol.Command> coordinator) {
    super(ctx);
    this.clients = clients;
    this.jobs = jobs;
    this.shard = shard;
    this.coordinator = coordinator;
    boolean lanes = jobs != null && jobs.hasLanes();
    this.wakeCoordinator =
        lanes ? new Waker<>(coordinator, CoordinatorProtocol.ResultsWaiting.INSTANCE) : null;
    this.wakeSelf = lanes ? new Waker<>(ctx.getSelf(), WorkerProtocol.JobsWaiting.INSTANCE) : null;
  }

  @Override
  public Receive<WorkerProtocol.Command> createReceive() {
    // the messages of every event, and with lanes of every wake-up, skip the built receive
    return new HotReceive<>(
        WorkerProtocol.JobsWaiting.class,
        m -> onJobsWaiting(),
        new HotReceive<>(
            WorkerProtocol.Train.class,
            this::onTrain,
            newReceiveBuilder()
                .onMessageEquals(WorkerProtocol.Stop.INSTANCE, Behaviors::stopped)
                .build()));
  }

  private Behavior<WorkerProtocol.Command> onTrain(WorkerProtocol.Train t) {
    if (jobs != null && !jobs.take(t.clientId(), t.eventSeq())) {
      return Behaviors.same(); // the coordinator computed it
    }
    coordinator = t.replyTo();
    compute(t.clientId(), t.eventSeq(), t.model(), t.modelPayload(), t.localSteps());
    if (unrung) {
      ringCoordinator(); // the worker may stop after this message
    }
    return Behaviors.same();
  }

  /**
   * Computes the jobs in the lane, earliest due first, until none is left (then the worker sleeps)
   * or it has computed {@link #JOBS_PER_TURN} (then it wakes itself again).
   */
  private Behavior<WorkerProtocol.Command> onJobsWaiting() {
    if (!jobs.hasLanes()) {
      throw new IllegalStateException("JobsWaiting sent to a worker without lanes");
    }
    Lane lane = jobs.jobLane(shard);
    DueHeap heap = jobs.waiting(shard);
    Doorbell bell = jobs.workerBell(shard);
    int computed = 0;
    while (true) {
      lane.takeAll(heap);
      if (heap.isEmpty()) {
        if (unrung) {
          ringCoordinator();
        }
        bell.sleep();
        if (lane.isEmpty() || !bell.wake()) {
          return Behaviors.same(); // asleep, or a JobsWaiting is on its way
        }
        continue;
      }
      if (computed == JOBS_PER_TURN) {
        if (unrung) {
          ringCoordinator();
        }
        wakeSelf.wake();
        return Behaviors.same();
      }
      int client = heap.firstClient();
      long seq = heap.firstSeq();
      int steps = heap.firstSteps();
      Object carried = heap.removeFirst();
      if (jobs.take(client, seq)) {
        compute(
            client,
            seq,
            carried instanceof Vector v ? v : null,
            carried instanceof Payload p ? p : null,
            steps);
        computed++;
      }
    }
  }

  private void compute(int client, long seq, Vector model, Payload modelPayload, int steps) {
    try {
      long samples = (long) steps * clients.samplesPerStep(client);
      double[] m = model != null ? model.readOnlyArray() : clients.receive(client, modelPayload);
      if (clients.compressesUplink()) {
        Payload payload = clients.trainAndEncode(client, m, steps);
        reply(client, seq, null, payload, steps, samples, clients.lastLoss());
      } else {
        double[] delta = clients.updateBuffer();
        double loss = clients.trainInto(client, m, steps, delta);
        reply(client, seq, delta, null, steps, samples, loss);
      }
    } catch (RuntimeException e) {
      getContext().getLog().error("client {} failed on job {}", client, seq, e);
      coordinator.tell(new CoordinatorProtocol.Fault(client, seq, e.toString()));
    }
  }

  /**
   * Wakes the coordinator if it sleeps: results wait in the lane. A worker rings after a result
   * when the coordinator seems to sleep, and always before it stops, so that a result appended just
   * as the coordinator went to sleep is not left waiting.
   */
  private void ringCoordinator() {
    unrung = false;
    if (jobs.coordinatorBell().ring()) {
      wakeCoordinator.wake();
    }
  }

  /** Hands a result back: through the result lane when there is one with room, else a message. */
  private void reply(
      int client, long seq, double[] delta, Payload payload, int steps, long samples, double loss) {
    if (shard >= 0
        && jobs.hasLanes()
        && jobs.resultLane(shard).append(client, seq, 0, steps, delta != null ? delta : payload)) {
      unrung = true;
      if (jobs.coordinatorBell().seemsAsleep()) {
        ringCoordinator();
      }
      return;
    }
    coordinator.tell(
        new CoordinatorProtocol.Update(
            client, seq, delta != null ? Vector.wrap(delta) : null, payload, steps, samples, loss));
  }
}
