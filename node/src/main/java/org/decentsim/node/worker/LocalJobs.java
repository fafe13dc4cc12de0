package org.decentsim.node.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;

/**
 * The Worker actors' shards of a run in one JVM, and who computes each job: the worker it was sent
 * to, or the coordinator when it would otherwise wait for that job's result. The coordinator offers
 * each job it sends ({@link #offer}); whoever takes it first ({@link #take}) computes it, and the
 * other side drops it. The coordinator computes with a shard of its own over the same clients
 * ({@link #takeForCoordinator}), so the two never share a workspace.
 *
 * <p>A client has at most one job in flight, and its next job is sent only once the result of the
 * last one is in, so the jobs of one client are computed one after the other whoever takes them.
 * Results do not depend on who computes them.
 */
public final class LocalJobs {
  private static final VarHandle OPEN = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long TAKEN = -1;

  private final ClientShard[] shards; // worker k hosts clients k, k + workers, ...
  private final ClientShard[] coordinatorShards; // made on first use
  private final long[] open; // per client: the event number of its job nobody has taken, or -1
  private long takenByCoordinator; // coordinator thread only

  /** Deals the clients of {@code federation} to {@code workers} shards as {@link NodeGuardian}. */
  public LocalJobs(Federation federation, int workers) {
    this.shards = NodeGuardian.deal(federation, workers);
    this.coordinatorShards = new ClientShard[shards.length];
    this.open = new long[federation.clients()];
    Arrays.fill(open, TAKEN);
  }

  /** The number of Worker actors: one per shard. */
  public int workers() {
    return shards.length;
  }

  /** The shard, and Worker actor, that hosts {@code client}: {@code client mod workers()}. */
  public int shardOf(int client) {
    return client % shards.length;
  }

  /** The clients Worker actor {@code k} hosts: {@code k, k + workers(), ...}. */
  public ClientShard shard(int k) {
    return shards[k];
  }

  /** Coordinator: job {@code seq} of {@code client} is about to be sent; whoever takes it first. */
  public void offer(int client, long seq) {
    OPEN.setRelease(open, client, seq);
  }

  /**
   * Worker: takes job {@code seq} of {@code client} to compute it.
   *
   * @return false when the coordinator took it already, or a later job of the client was offered
   */
  public boolean take(int client, long seq) {
    return OPEN.compareAndSet(open, client, seq, TAKEN);
  }

  /**
   * Coordinator: takes job {@code seq} of {@code client} to compute it on its own thread.
   *
   * @return the shard to compute it with, or null when its worker took it already
   */
  public ClientShard takeForCoordinator(int client, long seq) {
    if (!take(client, seq)) {
      return null;
    }
    takenByCoordinator++;
    int k = shardOf(client);
    ClientShard s = coordinatorShards[k];
    return s != null ? s : (coordinatorShards[k] = shards[k].twin());
  }

  /** Jobs the coordinator took so far (read it from the coordinator's thread or after the run). */
  public long takenByCoordinator() {
    return takenByCoordinator;
  }
}
