package org.decentsim.coordinator.algorithm;

import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * AFA-CD and AFA-CS of Anarchic Federated Learning (Yang et al. 2022; ALGORITHMS.md §5).
 *
 * <p>Each client runs its own number of local steps {@code K_i} and reports the average of its
 * local gradients {@code G_i = (1/K_i) sum_k g_k}; with plain local SGD at rate {@code eta_L} this
 * is exactly {@code G_i = -Delta_i / (eta_L K_i)}. A round is {@code m} arrivals. AFA-CD applies
 * {@code x <- x - eta * eta_L * mean_{arrivals} G_i}; AFA-CS keeps the latest {@code G_i} of every
 * client (zero before its first arrival) and applies {@code x <- x - eta * eta_L * (1/M) sum_i
 * G_i}. Updates staler than {@code maxStaleness} server steps are dropped (bounded delay); 0 keeps
 * all.
 *
 * <p>Implementation notes: the update rules are marked [U] in ALGORITHMS.md (no public code or full
 * text was reachable). The {@code 1/K_i} normalisation is what removes the bias towards workers
 * that run many steps. CS keeps the running sum of its table so a round costs O(d).
 */
public final class Afa implements Algorithm {
  /** Which server rule. */
  public enum Variant {
    CD,
    CS
  }

  private final Variant variant;
  private final int arrivalsPerRound;
  private final double serverLr;
  private final long maxStaleness;
  private double[] roundSum;
  private int arrivals;
  private double[][] table;
  private double[] tableSum;

  public Afa(Variant variant, int arrivalsPerRound, double serverLr, long maxStaleness) {
    if (arrivalsPerRound < 1) {
      throw new IllegalArgumentException("arrivals per round must be >= 1");
    }
    this.variant = variant;
    this.arrivalsPerRound = arrivalsPerRound;
    this.serverLr = serverLr;
    this.maxStaleness = maxStaleness;
  }

  @Override
  public String name() {
    return variant == Variant.CD ? "afa-cd" : "afa-cs";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    int dim = ctx.model().x().length;
    roundSum = new double[dim];
    if (variant == Variant.CS) {
      table = new double[ctx.clients()][];
      tableSum = new double[dim];
    }
    ctx.fillConcurrency();
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    if (maxStaleness > 0 && u.staleness() > maxStaleness) {
      ctx.recordDropped(u);
      ctx.fillConcurrency();
      return;
    }
    // G_i = -Delta_i / (eta_L K_i)
    double scale = -1.0 / (ctx.localLearningRate() * Math.max(1, u.localSteps()));
    double[] delta = u.delta();
    if (variant == Variant.CD) {
      for (int j = 0; j < roundSum.length; j++) {
        roundSum[j] += scale * delta[j];
      }
    } else {
      double[] g = table[u.client()];
      if (g == null) {
        g = new double[delta.length];
        table[u.client()] = g;
      }
      for (int j = 0; j < g.length; j++) {
        double v = scale * delta[j];
        tableSum[j] += v - g[j];
        g[j] = v;
      }
    }
    if (++arrivals == arrivalsPerRound) {
      double[] x = ctx.model().x();
      double step = serverLr * ctx.localLearningRate();
      if (variant == Variant.CD) {
        for (int j = 0; j < x.length; j++) {
          x[j] -= step * roundSum[j] / arrivalsPerRound;
        }
        java.util.Arrays.fill(roundSum, 0);
      } else {
        double inv = 1.0 / ctx.clients();
        for (int j = 0; j < x.length; j++) {
          x[j] -= step * tableSum[j] * inv;
        }
      }
      arrivals = 0;
      ctx.model().step();
    }
    ctx.fillConcurrency();
  }

  @Override
  public void saveState(StateWriter w) {
    w.writeDoubles(roundSum).writeInt(arrivals).writeBool(table != null);
    if (table != null) {
      w.writeDoubles(tableSum).writeInt(table.length);
      for (double[] g : table) {
        w.writeNullableDoubles(g);
      }
    }
  }

  @Override
  public void restoreState(StateReader r) {
    roundSum = r.readDoubles();
    arrivals = r.readInt();
    if (r.readBool()) {
      tableSum = r.readDoubles();
      table = new double[r.readInt()][];
      for (int i = 0; i < table.length; i++) {
        table[i] = r.readNullableDoubles();
      }
    }
  }
}
