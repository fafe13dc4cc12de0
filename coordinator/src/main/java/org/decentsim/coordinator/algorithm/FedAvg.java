package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * Synchronous FedAvg (McMahan et al. 2017; Fraboni's "FL" schedule, ALGORITHMS.md §1.2).
 *
 * <p>Each round samples {@code m} clients uniformly without replacement among those available (all
 * clients when {@code m = 0}), sends them the model, waits for every one of them and applies {@code
 * x <- x + eta_g * sum_{i in S} p_i Delta_i / sum_{i in S} p_i}. A round therefore lasts as long as
 * its slowest participant.
 *
 * <p>Implementation notes: with full participation the normaliser is {@code sum p_i = 1}, the exact
 * FL rule of Fraboni's code. A client whose job fails (a fault) is dropped from the round's sum. If
 * no client is available at the start of a round, the round is retried after the system model's
 * retry interval.
 */
public final class FedAvg implements Algorithm {
  private final int perRound;
  private final double serverLr;
  private double[] sum;
  private double weightSum;
  private int outstanding;

  /**
   * @param perRound clients per round, 0 for all
   * @param serverLr {@code eta_g}
   */
  public FedAvg(int perRound, double serverLr) {
    this.perRound = perRound;
    this.serverLr = serverLr;
  }

  @Override
  public String name() {
    return "fedavg";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    sum = new double[ctx.model().x().length];
    startRound(ctx);
  }

  private void startRound(AlgorithmContext ctx) {
    int m = perRound == 0 ? ctx.clients() : Math.min(perRound, ctx.clients());
    outstanding = ctx.dispatchRandomIdle(m);
  }

  @Override
  public void onRetry(AlgorithmContext ctx) {
    if (outstanding == 0) {
      startRound(ctx);
    }
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    double p = ctx.weight(u.client());
    double[] d = u.delta();
    for (int j = 0; j < sum.length; j++) {
      sum[j] += p * d[j];
    }
    weightSum += p;
    finishOne(ctx);
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    finishOne(ctx);
  }

  private void finishOne(AlgorithmContext ctx) {
    if (--outstanding > 0) {
      return;
    }
    if (weightSum > 0) {
      double[] x = ctx.model().x();
      double scale = serverLr / weightSum;
      for (int j = 0; j < x.length; j++) {
        x[j] += scale * sum[j];
      }
    }
    java.util.Arrays.fill(sum, 0);
    weightSum = 0;
    ctx.model().step();
    startRound(ctx);
  }

  @Override
  public void saveState(StateWriter w) {
    w.writeDoubles(sum).writeDouble(weightSum).writeInt(outstanding);
  }

  @Override
  public void restoreState(StateReader r) {
    sum = r.readDoubles();
    weightSum = r.readDouble();
    outstanding = r.readInt();
  }
}
