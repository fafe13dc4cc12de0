package org.decentsim.coordinator.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.function.Consumer;
import org.decentsim.coordinator.engine.Job;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.WorkerProtocol;

/**
 * Drives a {@link Simulation}: waits until workers covering every client have announced themselves,
 * starts the run, sends each job to the worker hosting its client (tell, never ask), and feeds
 * results back. Order comes from the simulation's event queue, not from the order in which results
 * arrive. When the run ends it hands the outcome to {@code onDone} and stops.
 */
public final class Coordinator extends AbstractBehavior<CoordinatorProtocol.Command> {
  private final Simulation simulation;
  private final Consumer<Outcome> onDone;
  private final ActorRef<WorkerProtocol.Command>[] workerOf;
  private int covered;
  private boolean started;

  public static Behavior<CoordinatorProtocol.Command> create(
      Simulation simulation, int clients, Consumer<Outcome> onDone) {
    return Behaviors.setup(ctx -> new Coordinator(ctx, simulation, clients, onDone));
  }

  @SuppressWarnings("unchecked")
  private Coordinator(
      ActorContext<CoordinatorProtocol.Command> ctx,
      Simulation simulation,
      int clients,
      Consumer<Outcome> onDone) {
    super(ctx);
    this.simulation = simulation;
    this.onDone = onDone;
    this.workerOf = (ActorRef<WorkerProtocol.Command>[]) new ActorRef<?>[clients];
  }

  @Override
  public Receive<CoordinatorProtocol.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CoordinatorProtocol.WorkerReady.class, this::onWorkerReady)
        .onMessage(CoordinatorProtocol.Update.class, this::onUpdate)
        .onMessage(CoordinatorProtocol.Fault.class, this::onFault)
        .build();
  }

  private Behavior<CoordinatorProtocol.Command> onWorkerReady(CoordinatorProtocol.WorkerReady r) {
    for (int k = 0; k < r.count(); k++) {
      int c = r.first() + k * r.stride();
      if (workerOf[c] == null) {
        covered++;
      }
      workerOf[c] = r.worker();
    }
    if (!started && covered == workerOf.length) {
      started = true;
      getContext().getLog().info("all {} clients hosted; starting", workerOf.length);
      simulation.start(this::send);
      return advance();
    }
    return this;
  }

  private void send(Job job) {
    workerOf[job.client()].tell(
        new WorkerProtocol.Train(
            job.client(),
            job.seq(),
            job.modelVersion(),
            job.model(),
            job.modelPayload(),
            job.localSteps(),
            getContext().getSelf()));
  }

  private Behavior<CoordinatorProtocol.Command> onUpdate(CoordinatorProtocol.Update u) {
    try {
      if (u.delta() != null) {
        simulation.complete(u.clientId(), u.eventSeq(), u.delta());
      } else {
        simulation.complete(u.clientId(), u.eventSeq(), u.payload());
      }
    } catch (IllegalStateException e) {
      getContext()
          .getLog()
          .error("ignoring an update that matches no job in flight: {}", e.getMessage());
      return this;
    }
    return advance();
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
      return this;
    }
    return advance();
  }

  private Behavior<CoordinatorProtocol.Command> advance() {
    if (simulation.isDone() || simulation.run()) {
      onDone.accept(simulation.outcome());
      return Behaviors.stopped();
    }
    return this;
  }
}
