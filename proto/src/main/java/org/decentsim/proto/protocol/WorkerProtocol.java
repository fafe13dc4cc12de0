package org.decentsim.proto.protocol;

import akka.actor.typed.ActorRef;

/** Messages a {@code Worker} actor understands. Only the coordinator sends them. */
public final class WorkerProtocol {
  private WorkerProtocol() {}

  /** Supertype of every worker message. */
  public sealed interface Command permits Train, Stop {}

  /**
   * Run {@code localSteps} steps of local training for client {@code clientId}, starting from
   * {@code model}; reply exactly once with a {@link CoordinatorProtocol.Update} or a {@link
   * CoordinatorProtocol.Fault} carrying the same {@code eventSeq}.
   */
  public record Train(
      int clientId,
      long eventSeq,
      long modelVersion,
      Vector model,
      int localSteps,
      ActorRef<CoordinatorProtocol.Command> replyTo)
      implements Command {}

  /** Stop the worker. */
  public enum Stop implements Command {
    INSTANCE
  }
}
