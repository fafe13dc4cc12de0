package org.decentsim.node.worker;

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
 * worker then drops it.
 *
 * <p>{@link #onTrain} returns {@code Behaviors.same()}, not {@code this}: workers are supervised,
 * and the supervisor's interceptor would wrap any other returned behavior anew on every message.
 */
public final class Worker extends AbstractBehavior<WorkerProtocol.Command> {
  private final ClientShard clients;
  private final LocalJobs jobs; // null: every job sent here is this worker's to compute

  public static Behavior<WorkerProtocol.Command> create(ClientShard clients) {
    return create(clients, null);
  }

  /**
   * A worker that computes only the jobs it takes from {@code jobs} before the coordinator does
   * (null: all of them), and drops the others without a reply.
   */
  public static Behavior<WorkerProtocol.Command> create(ClientShard clients, LocalJobs jobs) {
    return Behaviors.setup(ctx -> new Worker(ctx, clients, jobs));
  }

  private Worker(ActorContext<WorkerProtocol.Command> ctx, ClientShard clients, LocalJobs jobs) {
    super(ctx);
    this.clients = clients;
    this.jobs = jobs;
  }

  @Override
  public Receive<WorkerProtocol.Command> createReceive() {
    return new HotReceive<>(
        WorkerProtocol.Train.class,
        this::onTrain,
        newReceiveBuilder()
            .onMessageEquals(WorkerProtocol.Stop.INSTANCE, Behaviors::stopped)
            .build());
  }

  private Behavior<WorkerProtocol.Command> onTrain(WorkerProtocol.Train t) {
    if (jobs != null && !jobs.take(t.clientId(), t.eventSeq())) {
      return Behaviors.same(); // the coordinator computed it
    }
    CoordinatorProtocol.Command reply;
    try {
      long samples = (long) t.localSteps() * clients.samplesPerStep(t.clientId());
      double[] model =
          t.model() != null
              ? t.model().readOnlyArray()
              : clients.receive(t.clientId(), t.modelPayload());
      if (clients.compressesUplink()) {
        Payload payload = clients.trainAndEncode(t.clientId(), model, t.localSteps());
        reply =
            new CoordinatorProtocol.Update(
                t.clientId(),
                t.eventSeq(),
                null,
                payload,
                t.localSteps(),
                samples,
                clients.lastLoss());
      } else {
        double[] delta = clients.updateBuffer();
        double loss = clients.trainInto(t.clientId(), model, t.localSteps(), delta);
        reply =
            new CoordinatorProtocol.Update(
                t.clientId(),
                t.eventSeq(),
                Vector.wrap(delta),
                null,
                t.localSteps(),
                samples,
                loss);
      }
    } catch (RuntimeException e) {
      getContext().getLog().error("client {} failed on job {}", t.clientId(), t.eventSeq(), e);
      reply = new CoordinatorProtocol.Fault(t.clientId(), t.eventSeq(), e.toString());
    }
    t.replyTo().tell(reply);
    return Behaviors.same();
  }
}
