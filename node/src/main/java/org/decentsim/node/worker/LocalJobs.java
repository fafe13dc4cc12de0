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
 *
 * <p>With lanes ({@link #LocalJobs(Federation, int, int, int, int)}), jobs and results travel
 * without a message each: the coordinator appends a job to its worker's {@link #jobLane}, the
 * worker appends the result to its {@link #resultLane}, and a message goes only to wake an actor
 * that sleeps (each worker's {@link #workerBell}, the coordinator's {@link #coordinatorBell}). A
 * lane that is full refuses, and that job or result goes as a message, as without lanes. The jobs a
 * worker has taken from its lane wait in a heap kept here, earliest due first, so that a restarted
 * worker finds them.
 */
public final class LocalJobs {
  private static final VarHandle OPEN = MethodHandles.arrayElementVarHandle(long[].class);
  private static final long TAKEN = -1;

  private final ClientShard[] shards; // worker k hosts clients k, k + workers, ...
  private final ClientShard[] coordinatorShards; // made on first use
  private final long[] open; // per client: the event number of its job nobody has taken, or -1
  private long takenByCoordinator; // coordinator thread only
  private final Lane[] jobLanes; // null: without lanes
  private final Lane[] resultLanes;
  private final Doorbell[] workerBells;
  private final DueHeap[] waiting;
  private final Doorbell coordinatorBell;
  private final int spinRounds;
  private final int jobsPerBatch;

  /**
   * Deals the clients of {@code federation} to {@code workers} shards as {@link NodeGuardian}; jobs
   * and results travel as messages.
   */
  public LocalJobs(Federation federation, int workers) {
    this(federation, workers, 0, 0, 1);
  }

  /**
   * The same, with a lane of {@code laneCapacity} slots (a power of two) each way between the
   * coordinator and each worker (0: no lanes), a coordinator that waits up to {@code spinRounds}
   * rounds of 16 spin-waits on its thread for a result being computed before it sleeps (0: it
   * sleeps at once), and that computes up to {@code jobsPerBatch} jobs itself between two batches
   * of results it takes.
   */
  public LocalJobs(
      Federation federation, int workers, int laneCapacity, int spinRounds, int jobsPerBatch) {
    if (spinRounds < 0 || (spinRounds > 0 && laneCapacity == 0)) {
      throw new IllegalArgumentException("spinRounds " + spinRounds + " needs lanes and is >= 0");
    }
    if (jobsPerBatch < 1) {
      throw new IllegalArgumentException("jobsPerBatch must be >= 1, got " + jobsPerBatch);
    }
    this.spinRounds = spinRounds;
    this.jobsPerBatch = jobsPerBatch;
    this.shards = NodeGuardian.deal(federation, workers);
    this.coordinatorShards = new ClientShard[shards.length];
    this.open = new long[federation.clients()];
    Arrays.fill(open, TAKEN);
    if (laneCapacity == 0) {
      jobLanes = resultLanes = null;
      workerBells = null;
      waiting = null;
      coordinatorBell = null;
      return;
    }
    jobLanes = new Lane[workers];
    resultLanes = new Lane[workers];
    workerBells = new Doorbell[workers];
    waiting = new DueHeap[workers];
    for (int k = 0; k < workers; k++) {
      jobLanes[k] = new Lane(laneCapacity);
      resultLanes[k] = new Lane(laneCapacity);
      workerBells[k] = new Doorbell();
      waiting[k] = new DueHeap();
    }
    coordinatorBell = new Doorbell();
  }

  /**
   * How long the coordinator, with lanes, may wait on its thread for the result of a job a worker
   * is computing before it sleeps, in rounds of 16 spin-waits; 0: it sleeps at once.
   */
  public int spinRounds() {
    return spinRounds;
  }

  /**
   * How many jobs the coordinator may compute itself, each when it would otherwise wait for it,
   * before it must take a result from a worker (or a message) again.
   */
  public int jobsPerBatch() {
    return jobsPerBatch;
  }

  /** Whether jobs and results travel through lanes. */
  public boolean hasLanes() {
    return jobLanes != null;
  }

  /** The lane from the coordinator to worker {@code k} (with lanes only). */
  public Lane jobLane(int k) {
    return jobLanes[k];
  }

  /** The lane from worker {@code k} to the coordinator (with lanes only). */
  public Lane resultLane(int k) {
    return resultLanes[k];
  }

  /** Whether worker {@code k} sleeps, and must be sent a message when jobs wait in its lane. */
  public Doorbell workerBell(int k) {
    return workerBells[k];
  }

  /** Whether the coordinator sleeps, and must be sent a message when results wait in a lane. */
  public Doorbell coordinatorBell() {
    return coordinatorBell;
  }

  /** Coordinator: whether any worker's result lane holds a result. */
  public boolean resultsWaiting() {
    for (Lane l : resultLanes) {
      if (!l.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The jobs worker {@code k} took from its lane and has not computed or dropped yet. */
  DueHeap waiting(int k) {
    return waiting[k];
  }

  /** The number of Worker actors: one per shard. */
  public int workers() {
    return shards.length;
  }

  /** The shard, and Worker actor, that hosts {@code client}: {@code client mod workers()}. */
  public int shardOf(int client) {
    return ClientShard.dealtTo(client, shards.length);
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

  /** Whether job {@code seq} of {@code client}, offered, has been taken since. */
  public boolean isTaken(int client, long seq) {
    return (long) OPEN.getAcquire(open, client) != seq;
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
