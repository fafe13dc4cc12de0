package org.decentsim.proto.protocol;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;

/** Messages the {@code Coordinator} actor understands. */
public final class CoordinatorProtocol {
  private CoordinatorProtocol() {}

  /** Supertype of every coordinator message. */
  public sealed interface Command
      permits WorkerReady, Update, Fault, NodeReady, NodeFailed, Local {}

  /**
   * Messages the coordinator sends itself (cluster events, timers). They never leave the JVM, so
   * they have no wire form.
   */
  public non-sealed interface Local extends Command, NoSerializationVerificationNeeded {}

  /**
   * In one JVM: results wait in the workers' lanes (a worker appends them there rather than sending
   * an Update each).
   */
  public enum ResultsWaiting implements Local, WakeUp {
    INSTANCE
  }

  /**
   * Every worker a node was assigned for run {@code runId} is up (their WorkerReady messages came
   * first); {@code fingerprint} is the SHA-256 of the node's clients' data, {@code clients} how
   * many it hosts.
   */
  public record NodeReady(
      String runId, ActorRef<NodeProtocol.Command> node, String fingerprint, int clients)
      implements Command {}

  /** A node could not build its clients for run {@code runId}. */
  public record NodeFailed(String runId, ActorRef<NodeProtocol.Command> node, String reason)
      implements Command {}

  /**
   * A worker is up and hosts the clients {@code first, first + stride, ...} ({@code count} of
   * them).
   */
  public record WorkerReady(
      ActorRef<WorkerProtocol.Command> worker, int first, int stride, int count)
      implements Command {}

  /**
   * The result of the {@link WorkerProtocol.Train} with the same {@code eventSeq}: {@code delta} is
   * the local model after training minus the model received (ALGORITHMS.md §0.1 sign convention),
   * or null when the uplink is compressed and {@code payload} carries the message instead.
   *
   * @param samples training samples processed (sum of batch sizes over the local steps)
   * @param localLoss mean minibatch loss over the local steps, before each step
   */
  public record Update(
      int clientId,
      long eventSeq,
      Vector delta,
      Payload payload,
      int localSteps,
      long samples,
      double localLoss)
      implements Command {
    public Update {
      if ((delta == null) == (payload == null)) {
        throw new IllegalArgumentException("an update carries exactly one of delta and payload");
      }
    }
  }

  /** A Train that could not be carried out; counted in metrics, never dropped. */
  public record Fault(int clientId, long eventSeq, String reason) implements Command {}
}
