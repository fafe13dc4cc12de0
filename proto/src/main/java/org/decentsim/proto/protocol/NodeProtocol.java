package org.decentsim.proto.protocol;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.ServiceKey;

/**
 * Messages a {@code NodeGuardian} understands in cluster mode (DESIGN.md §7). Only a coordinator
 * sends them; each names the run it belongs to, so a node kept between runs never mixes them up.
 */
public final class NodeProtocol {
  private NodeProtocol() {}

  /** The key under which every worker node registers with the cluster Receptionist. */
  public static final ServiceKey<Command> SERVICE =
      ServiceKey.create(Command.class, "decentsim-node");

  /** Supertype of every node message. */
  public sealed interface Command permits Assign, Adopt, EndRun, Local {}

  /**
   * Messages a node sends itself (cluster events, timers). They never leave the JVM, so they have
   * no wire form.
   */
  public non-sealed interface Local extends Command, NoSerializationVerificationNeeded {}

  /**
   * Host the clients {@code nodeIndex, nodeIndex + nodes, ...} of run {@code runId} on {@code
   * workers} Worker actors (0: the node's default), built from {@code scenario} (the resolved
   * scenario text). The node answers {@code coordinator} with one {@link
   * CoordinatorProtocol.WorkerReady} per worker and then a {@link CoordinatorProtocol.NodeReady},
   * or with a {@link CoordinatorProtocol.NodeFailed}.
   *
   * @param keep keep the node running after the run ends or its coordinator is lost
   */
  public record Assign(
      String runId,
      String scenario,
      int nodeIndex,
      int nodes,
      int workers,
      ActorRef<CoordinatorProtocol.Command> coordinator,
      boolean keep)
      implements Command {
    public Assign {
      if (nodes < 1 || nodeIndex < 0 || nodeIndex >= nodes || workers < 0) {
        throw new IllegalArgumentException(
            "node " + nodeIndex + " of " + nodes + " with " + workers + " workers");
      }
    }
  }

  /**
   * Host the clients {@code first, first + stride, ...} ({@code count} of them) of run {@code
   * runId} with fresh state, after the node that hosted them was lost; answer with a {@link
   * CoordinatorProtocol.WorkerReady}.
   */
  public record Adopt(String runId, int first, int stride, int count) implements Command {
    public Adopt {
      if (first < 0 || stride < 1 || count < 1) {
        throw new IllegalArgumentException(
            "clients " + first + " + k * " + stride + ", " + count + " of them");
      }
    }
  }

  /** Run {@code runId} is over: stop its workers, and the node too when {@code shutdown}. */
  public record EndRun(String runId, boolean shutdown) implements Command {}
}
