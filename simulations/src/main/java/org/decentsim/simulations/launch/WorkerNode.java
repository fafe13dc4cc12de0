package org.decentsim.simulations.launch;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.decentsim.proto.protocol.NodeProtocol;

/** A running worker node ({@link ClusterLauncher#startNode}): its address and its lifetime. */
public final class WorkerNode {
  private final ActorSystem<NodeProtocol.Command> system;

  WorkerNode(ActorSystem<NodeProtocol.Command> system) {
    this.system = system;
  }

  /** {@code akka://decentsim@host:port}. */
  public String address() {
    return Cluster.get(system).selfMember().address().toString();
  }

  /** Leaves the cluster (the coordinator then moves this node's clients) and stops. */
  public void stop() {
    system.terminate();
  }

  /** Stops, waiting at most {@code seconds} for it. */
  public void stopAndWait(long seconds) throws InterruptedException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // stopping anyway
    }
  }

  /**
   * Waits until the node has stopped.
   *
   * @throws ExecutionException when it stopped abnormally
   */
  public void awaitStopped() throws InterruptedException, ExecutionException {
    system.getWhenTerminated().toCompletableFuture().get();
  }
}
