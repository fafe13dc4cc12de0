package org.decentsim.proto.protocol;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;

/** Messages a {@code Worker} actor understands. Only the coordinator sends them. */
public final class WorkerProtocol {
  private WorkerProtocol() {}

  /** Supertype of every worker message. */
  public sealed interface Command permits Train, Stop, Local {}

  /** Messages that never leave the JVM, so they have no wire form. */
  public non-sealed interface Local extends Command, NoSerializationVerificationNeeded {}

  /**
   * Run {@code localSteps} steps of local training for client {@code clientId}, starting from
   * {@code model} (or, with a compressed downlink, from the model the client decodes from {@code
   * modelPayload}; exactly one of the two is set); reply exactly once with a {@link
   * CoordinatorProtocol.Update} or a {@link CoordinatorProtocol.Fault} carrying the same {@code
   * eventSeq}. {@code dueTime} is the virtual time at which the coordinator will need the result; a
   * worker with several jobs waiting computes the earliest due first.
   */
  public record Train(
      int clientId,
      long eventSeq,
      long modelVersion,
      double dueTime,
      Vector model,
      Payload modelPayload,
      int localSteps,
      ActorRef<CoordinatorProtocol.Command> replyTo)
      implements Command {
    public Train {
      if ((model == null) == (modelPayload == null)) {
        throw new IllegalArgumentException("a Train carries exactly one of model and payload");
      }
    }
  }

  /**
   * In one JVM: jobs wait in the worker's lane (the coordinator appends them there rather than
   * sending a Train each).
   */
  public enum JobsWaiting implements Local, WakeUp {
    INSTANCE
  }

  /** Stop the worker. */
  public enum Stop implements Command {
    INSTANCE
  }
}
