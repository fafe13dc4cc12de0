package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * FedAsync (Xie, Koyejo, Gupta 2019; ALGORITHMS.md §6.1).
 *
 * <p>On each update from a client that started from version {@code tau}: {@code alpha_t = alpha *
 * s(t - tau)}, {@code x <- (1 - alpha_t) x + alpha_t y} with {@code y = x_tau + Delta} the client's
 * local model, then {@code t <- t + 1} and a new idle client (chosen at random) gets the model, so
 * {@code concurrency} jobs stay in flight.
 *
 * <p>Implementation notes: the mixing form is the paper's (and plato's); we do not multiply by a
 * client weight (APPFL does) nor compound the mixing (plato's adaptive option). The local proximal
 * term of the paper is not part of the client's solver.
 */
public final class FedAsync implements Algorithm {
  private final double alpha;
  private final Staleness staleness;

  public FedAsync(double alpha, Staleness staleness) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    this.alpha = alpha;
    this.staleness = staleness;
  }

  @Override
  public String name() {
    return "fedasync";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    ctx.fillConcurrency();
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    double a = alpha * staleness.weight(u.staleness());
    double[] x = ctx.model().x();
    double[] sent = u.sent().readOnlyArray();
    double[] d = u.delta();
    for (int j = 0; j < x.length; j++) {
      x[j] = (1 - a) * x[j] + a * (sent[j] + d[j]);
    }
    ctx.model().step();
    ctx.fillConcurrency();
  }

  @Override
  public void saveState(StateWriter w) {
    // stateless: the model and its version are the engine's
  }

  @Override
  public void restoreState(StateReader r) {}
}
