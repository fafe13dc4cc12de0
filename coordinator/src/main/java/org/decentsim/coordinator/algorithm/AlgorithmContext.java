package org.decentsim.coordinator.algorithm;

import org.decentsim.node.random.Rng;

/**
 * What the engine offers an algorithm: the clock, the model, the clients and dispatching. All calls
 * happen on the engine's single thread, in event order.
 */
public interface AlgorithmContext {
  /** Current virtual time, seconds. */
  double now();

  GlobalModel model();

  int clients();

  /** Client {@code i}'s weight {@code p_i} in the federated objective ({@code sum p_i = 1}). */
  double weight(int client);

  /** Number of training rows client {@code i} holds. */
  int samples(int client);

  /** Local learning rate of the clients' solver. */
  double localLearningRate();

  /** Expected duration of one job of client {@code i}, virtual seconds (for weight policies). */
  double expectedJobSeconds(int client);

  /** True when client {@code i} has no job in flight. */
  boolean isIdle(int client);

  /** Jobs in flight. */
  int inFlight();

  /** The configured concurrency limit (number of clients when unlimited). */
  int concurrency();

  /**
   * Sends the current model to client {@code i} if it is idle and available now.
   *
   * @return false if the client is busy or unavailable
   */
  boolean dispatch(int client);

  /**
   * Sends {@code model} (copied; not the global model) to client {@code i} for one job whose update
   * comes back tagged {@code tag}. The client first receives {@code messages} messages of {@code
   * bytes} bytes in all on its link; the update is delivered when computed, with no uplink
   * transfer: the coordinator only keeps the books of work that stays at the client (a token, a
   * gossip node). If the client is unavailable, a {@link Algorithm#onRetry} is scheduled.
   *
   * @return false if the client is busy or unavailable
   */
  default boolean dispatchCarrying(int client, double[] model, int tag, long bytes, int messages) {
    return dispatchCarrying(client, model, tag, bytes, messages, -1);
  }

  /**
   * As {@link #dispatchCarrying(int, double[], int, long, int)}, with {@code localSteps} local
   * steps instead of the scenario's (negative: the scenario's; 0: a visit without training).
   */
  default boolean dispatchCarrying(
      int client, double[] model, int tag, long bytes, int messages, int localSteps) {
    return dispatchCarrying(client, model, tag, bytes, messages, localSteps, Double.NaN);
  }

  /**
   * As {@link #dispatchCarrying(int, double[], int, long, int, int)}, with the transfer taking
   * {@code transferSeconds} (from per-edge link settings) instead of the client's link model (NaN:
   * the client's link).
   */
  boolean dispatchCarrying(
      int client,
      double[] model,
      int tag,
      long bytes,
      int messages,
      int localSteps,
      double transferSeconds);

  /** Seconds to send {@code bytes} to client {@code i} on its link (latency + bytes/bandwidth). */
  double downSeconds(int client, long bytes);

  /**
   * Dispatches up to {@code n} idle clients chosen uniformly at random among those available now
   * (stream "selection"). If fewer than {@code n} could be dispatched, the engine schedules a
   * {@link Algorithm#onRetry} after the system model's retry interval.
   *
   * @return how many were dispatched
   */
  int dispatchRandomIdle(int n);

  /** Dispatches random idle clients until {@link #inFlight()} reaches {@link #concurrency()}. */
  default int fillConcurrency() {
    return dispatchRandomIdle(concurrency() - inFlight());
  }

  /** Asks for {@link Algorithm#onTimer} with {@code id} at virtual time {@code at}. */
  void scheduleTimer(double at, int id);

  /** Counts an update the algorithm discarded (e.g. too stale). */
  void recordDropped(ClientUpdate u);

  /** The algorithm's own random stream {@code (name, 0)}. */
  Rng stream(String name);
}
