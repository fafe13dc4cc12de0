package org.decentsim.coordinator.metrics;

/**
 * One evaluation point. Every field except {@code wallSeconds} is deterministic and enters the
 * digest. Losses are of the federated objective {@code sum_i p_i f_i(x)}; accuracies are over all
 * training (test) rows; NaN when not applicable (no test set, regression).
 *
 * @param bitsUp cumulative bits of encoded updates sent by clients
 * @param bitsDown cumulative bits of encoded models sent to clients
 * @param stalenessMean mean staleness of the updates applied since the previous row (NaN if none)
 * @param stalenessMax largest such staleness (-1 if none)
 * @param gradientEvaluations cumulative local steps computed by clients (one minibatch gradient
 *     each)
 * @param transfers cumulative messages carrying a model or an update (either direction)
 * @param distanceSq {@code ||x - x*||^2} when the scenario solves for {@code x*}, else NaN
 * @param totalVariation random-walk tokens: mean TV distance of their empirical measures to the
 *     walk's stationary law; else NaN
 */
public record MetricsRow(
    double virtualTime,
    double wallSeconds,
    long events,
    long rounds,
    long updates,
    double trainLoss,
    double trainAccuracy,
    double gradNormSq,
    double testLoss,
    double testAccuracy,
    long bitsUp,
    long bitsDown,
    double stalenessMean,
    long stalenessMax,
    long dropped,
    long faults,
    long gradientEvaluations,
    long transfers,
    double distanceSq,
    double totalVariation) {

  /** Column names of {@code metrics.csv}, in field order. */
  public static final String[] COLUMNS = {
    "virtual_time",
    "wall_time",
    "events",
    "rounds",
    "updates",
    "train_loss",
    "train_accuracy",
    "grad_norm_sq",
    "test_loss",
    "test_accuracy",
    "bits_up",
    "bits_down",
    "staleness_mean",
    "staleness_max",
    "dropped",
    "faults",
    "grad_evals",
    "transfers",
    "distance_sq",
    "tv_distance"
  };
}
