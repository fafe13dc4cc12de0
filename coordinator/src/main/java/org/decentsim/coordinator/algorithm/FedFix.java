package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * FedFix-Δt (Fraboni et al. 2023; ALGORITHMS.md §1.2, schedule 3).
 *
 * <p>Aggregations happen at {@code Δt, 2Δt, ...}. At each one, every client whose update arrived
 * since the previous one contributes: {@code x <- x + eta_g * sum_i d_i Delta_i}, {@code t <- t +
 * 1}. Those clients then restart from the new model at the tick, so the time between finishing and
 * the tick is idle. With {@code WEIGHT}, {@code d_i = ceil(tau_i / Δt) p_i} ({@code tau_i} the
 * client's expected job duration), which makes the expected weight per step {@code p_i}.
 *
 * <p>Implementation notes: Fraboni's code has no "identical" FedFix; ours uses {@code d_i = p_i},
 * the rule without frequency correction. A tick with no contribution still counts as a server step,
 * as in Fraboni's schedule (staleness is counted in ticks).
 */
public final class FedFix implements Algorithm {
  private final double period;
  private final double serverLr;
  private final WeightPolicy policy;
  private double[] buffer;
  private double[] d;
  private long tick;

  public FedFix(double periodSeconds, double serverLr, WeightPolicy policy) {
    if (!(periodSeconds > 0)) {
      throw new IllegalArgumentException("period must be > 0, got " + periodSeconds);
    }
    this.period = periodSeconds;
    this.serverLr = serverLr;
    this.policy = policy;
  }

  @Override
  public String name() {
    return "fedfix";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    buffer = new double[ctx.model().x().length];
    d = new double[ctx.clients()];
    for (int i = 0; i < d.length; i++) {
      double mult =
          policy == WeightPolicy.WEIGHT ? Math.ceil(ctx.expectedJobSeconds(i) / period) : 1;
      d[i] = mult * ctx.weight(i);
    }
    ctx.fillConcurrency();
    tick = 1;
    ctx.scheduleTimer(period, 0);
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    double w = d[u.client()];
    double[] delta = u.delta();
    for (int j = 0; j < buffer.length; j++) {
      buffer[j] += w * delta[j];
    }
  }

  @Override
  public void onTimer(int id, AlgorithmContext ctx) {
    double[] x = ctx.model().x();
    for (int j = 0; j < x.length; j++) {
      x[j] += serverLr * buffer[j];
    }
    java.util.Arrays.fill(buffer, 0);
    ctx.model().step();
    ctx.fillConcurrency();
    tick++;
    // ticks at exact multiples of the period, free of accumulated rounding
    ctx.scheduleTimer(tick * period, 0);
  }

  @Override
  public void onRetry(AlgorithmContext ctx) {
    // clients start only at ticks
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    // the client restarts at the next tick
  }

  @Override
  public void saveState(StateWriter w) {
    w.writeDoubles(buffer).writeDoubles(d).writeLong(tick);
  }

  @Override
  public void restoreState(StateReader r) {
    buffer = r.readDoubles();
    d = r.readDoubles();
    tick = r.readLong();
  }
}
