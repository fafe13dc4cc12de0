package org.decentsim.coordinator.engine;

import java.util.List;
import org.decentsim.coordinator.metrics.MetricsRow;

/**
 * How a run ended.
 *
 * @param status why it stopped
 * @param message a one-line explanation for the user
 * @param abandonedJobs jobs still in flight when it stopped (their results are not used)
 * @param firstFault the reason of the first failed job or fault event, or null when none
 * @param faultEvents faults that were not one failed job (a lost cluster node), in order
 */
public record Outcome(
    Status status,
    String message,
    List<MetricsRow> rows,
    double[] finalModel,
    String digest,
    long abandonedJobs,
    String firstFault,
    List<String> faultEvents) {

  /** Why a run stopped. */
  public enum Status {
    /** A stop condition was met. */
    FINISHED,
    /** The loss became NaN/Inf or exceeded the divergence bound. */
    DIVERGED,
    /** No event was left to process (nothing in flight, no timer). */
    EXHAUSTED,
    /** Stopped on request (e.g. Ctrl-C) after writing a checkpoint; can be resumed. */
    INTERRUPTED,
    /** The run could not go on (every worker node of a cluster was lost); what ran is kept. */
    FAILED
  }
}
