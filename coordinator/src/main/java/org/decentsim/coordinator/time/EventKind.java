package org.decentsim.coordinator.time;

/** What an event means to the engine. */
public enum EventKind {
  /** A client finished its local work; its result must be in before the event is processed. */
  COMPUTED,
  /** A client's update reached the coordinator (after its uplink transfer). */
  ARRIVED,
  /** A timer an algorithm asked for (e.g. FedFix's period). */
  TIMER,
  /** Dispatching found no available client; try again. */
  RETRY,
  /** An evaluation point of the metrics. */
  EVALUATE;

  private static final EventKind[] VALUES = values();

  static EventKind of(int ordinal) {
    return VALUES[ordinal];
  }
}
