package org.decentsim.coordinator.engine;

import org.decentsim.coordinator.metrics.MetricsRow;

/**
 * Observes a run: metric rows as they are recorded, and every update delivered to the algorithm.
 */
public interface RunListener {
  default void onRow(MetricsRow row) {}

  /** An update is about to be handed to the algorithm at virtual time {@code time}. */
  default void onUpdate(double time, int client, long versionSent, long staleness) {}
}
