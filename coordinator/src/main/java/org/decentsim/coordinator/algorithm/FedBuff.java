package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * FedBuff (Nguyen et al. 2022; ALGORITHMS.md §6.2), which with buffer 1 is Fraboni's asynchronous
 * FedAvg and with constant weights is Fraboni's FedBuff-c (§1.2).
 *
 * <p>Each update adds {@code w_i Delta_i} to a buffer, {@code w_i = s(tau_i) * e(n_i) * d_i}
 * (staleness, example weight, Fraboni policy weight). When {@code K} updates are buffered: {@code x
 * <- x + eta_g * B / K} (reducer {@code mean}) or {@code x <- x + eta_g * B} ({@code sum}, FLSim's
 * default), the buffer empties and {@code t <- t + 1}.
 *
 * <p>Dispatch: {@code ARRIVAL} hands the current model to a random idle client after every arrival
 * (FLSim: concurrency stays constant); {@code FLUSH} leaves finished clients idle until the buffer
 * flushes and then dispatches (Fraboni's schedule: a client contributes at most once per buffer).
 *
 * <p>Implementation notes: our sign is {@code Delta = new - old} (ALGORITHMS.md §0.1), so the
 * server adds. Fraboni's {@code WEIGHT} policy needs each client's participation frequency; we
 * compute it in closed form for {@code K = 1} ({@code d_i = (sum_j 1/tau_j) tau_i p_i} with {@code
 * tau_i} the expected job duration) and reject it for larger buffers rather than guess. FLSim's
 * normalisation of staleness weights at the average staleness is not applied.
 */
public final class FedBuff implements Algorithm {
  /** When finished clients get new work. */
  public enum DispatchOn {
    ARRIVAL,
    FLUSH
  }

  /** FLSim's example weights {@code e(n)} of a client with n samples. */
  public enum ExampleWeight {
    EQUAL,
    LINEAR,
    SQRT,
    LOG10
  }

  private final int bufferSize;
  private final double serverLr;
  private final Staleness staleness;
  private final ExampleWeight exampleWeight;
  private final boolean mean;
  private final WeightPolicy policy;
  private final DispatchOn dispatchOn;
  private double[] buffer;
  private int count;
  private double[] policyWeight; // null unless the policy is WEIGHT: then every weight is 1
  private int clients;

  public FedBuff(
      int bufferSize,
      double serverLr,
      Staleness staleness,
      ExampleWeight exampleWeight,
      boolean mean,
      WeightPolicy policy,
      DispatchOn dispatchOn) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("buffer size must be >= 1, got " + bufferSize);
    }
    if (policy == WeightPolicy.WEIGHT && bufferSize != 1) {
      throw new IllegalArgumentException(
          "the 'weight' policy is defined here only for buffer size 1 (asynchronous FedAvg)");
    }
    this.bufferSize = bufferSize;
    this.serverLr = serverLr;
    this.staleness = staleness;
    this.exampleWeight = exampleWeight;
    this.mean = mean;
    this.policy = policy;
    this.dispatchOn = dispatchOn;
  }

  @Override
  public String name() {
    return "fedbuff";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    buffer = new double[ctx.model().x().length];
    clients = ctx.clients();
    if (policy == WeightPolicy.WEIGHT) {
      policyWeight = new double[ctx.clients()];
      double inverseSum = 0;
      for (int i = 0; i < ctx.clients(); i++) {
        inverseSum += 1 / ctx.expectedJobSeconds(i);
      }
      for (int i = 0; i < ctx.clients(); i++) {
        policyWeight[i] = inverseSum * ctx.expectedJobSeconds(i) * ctx.weight(i);
      }
    }
    ctx.fillConcurrency();
  }

  private double exampleWeight(int n) {
    return switch (exampleWeight) {
      case EQUAL -> 1;
      case LINEAR -> n;
      case SQRT -> StrictMath.sqrt(n);
      case LOG10 -> StrictMath.log10(1.0 + n);
    };
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    // the factors that are 1 for every client are not looked up: at a million clients each lookup
    // is a cache miss of its own
    double w =
        staleness.weight(u.staleness())
            * (exampleWeight == ExampleWeight.EQUAL ? 1 : exampleWeight(ctx.samples(u.client())))
            * (policyWeight != null ? policyWeight[u.client()] : 1);
    double[] d = u.delta();
    for (int j = 0; j < buffer.length; j++) {
      buffer[j] += w * d[j];
    }
    if (++count == bufferSize) {
      double scale = mean ? serverLr / bufferSize : serverLr;
      double[] x = ctx.model().x();
      for (int j = 0; j < x.length; j++) {
        x[j] += scale * buffer[j];
      }
      java.util.Arrays.fill(buffer, 0);
      count = 0;
      ctx.model().step();
      ctx.fillConcurrency();
    } else if (dispatchOn == DispatchOn.ARRIVAL) {
      ctx.fillConcurrency();
    }
  }

  @Override
  public void onRetry(AlgorithmContext ctx) {
    if (dispatchOn == DispatchOn.ARRIVAL || count == 0) {
      ctx.fillConcurrency();
    }
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    if (dispatchOn == DispatchOn.ARRIVAL || ctx.inFlight() == 0) {
      ctx.fillConcurrency();
    }
  }

  @Override
  public void saveState(StateWriter w) {
    // the weights of every client, 1 without the WEIGHT policy: the format of earlier checkpoints
    double[] weights = policyWeight;
    if (weights == null) {
      weights = new double[clients];
      java.util.Arrays.fill(weights, 1.0);
    }
    w.writeDoubles(buffer).writeInt(count).writeDoubles(weights);
  }

  @Override
  public void restoreState(StateReader r) {
    buffer = r.readDoubles();
    count = r.readInt();
    double[] weights = r.readDoubles();
    clients = weights.length; // start() is not called on a restored run
    policyWeight = policy == WeightPolicy.WEIGHT ? weights : null;
  }
}
