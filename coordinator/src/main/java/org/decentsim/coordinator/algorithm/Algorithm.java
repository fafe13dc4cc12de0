package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.Checkpointable;

/**
 * An event-driven aggregation rule. Implementations own their state, no threads, and no Akka; the
 * engine calls them strictly in {@code (time, seq)} order. Their state goes into checkpoints: a
 * restored instance replaces {@link #start} and continues exactly as the saved one.
 */
public interface Algorithm extends Checkpointable {
  /** Called once at virtual time 0: typically dispatches the first clients. */
  void start(AlgorithmContext ctx);

  /**
   * A client's update arrived. May change the model (then {@code model().step()}) and dispatch. The
   * engine reuses {@code update} for the next delivery: copy what must outlive this call.
   */
  void onUpdate(ClientUpdate update, AlgorithmContext ctx);

  /** A timer scheduled with {@link AlgorithmContext#scheduleTimer} fired. */
  default void onTimer(int id, AlgorithmContext ctx) {
    throw new IllegalStateException(getClass().getSimpleName() + " scheduled no timers");
  }

  /** Dispatching fell short because clients were unavailable; try again. */
  default void onRetry(AlgorithmContext ctx) {
    ctx.fillConcurrency();
  }

  /**
   * A job failed and will deliver no update. The client is idle again. The default keeps the
   * concurrency; algorithms that wait for a set of clients must stop waiting for this one.
   */
  default void onFault(int client, long versionSent, AlgorithmContext ctx) {
    ctx.fillConcurrency();
  }

  /**
   * A random-walk algorithm's mean total-variation distance of its empirical measures to the walk's
   * stationary law (metrics column tv_distance); NaN for the others.
   */
  default double totalVariation() {
    return Double.NaN;
  }

  /**
   * An algorithm's own squared error to its target when it has one that is not the model's distance
   * to {@code x*} (the sampling-only token's estimate; metrics column distance_sq); NaN otherwise.
   */
  default double targetErrorSq() {
    return Double.NaN;
  }

  /** Short name used in outputs, e.g. {@code fedbuff}. */
  String name();
}
