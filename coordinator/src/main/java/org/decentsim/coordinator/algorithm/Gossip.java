package org.decentsim.coordinator.algorithm;

import org.decentsim.node.graph.EdgeLinks;
import org.decentsim.node.graph.MixingMatrix;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.codec.VectorCodec;

/**
 * Decentralized SGD by gossip, adapt-then-combine (ALGORITHMS.md §8.3), in synchronous rounds:
 * every node i runs its local steps from its own model {@code x_i} (update {@code u_i}), then, once
 * all have,
 *
 * <pre>
 *   x_i^{t+1/2} = x_i^t + s_t u_i,   s_t = (t + 1)^(-c)
 *   x_i^{t+1}   = merge_i(x^{t+1/2})   (sum_j W_ij x_j^{t+1/2} for vector models)
 * </pre>
 *
 * with W a {@link MixingMatrix}. {@code c = 0} is D-PSGD's constant step (which stops at a
 * heterogeneity-dependent distance from the optimum); {@code c in (0.5, 1]} decays it so that the
 * nodes reach the optimum. The exchange is timed at the start of the next round: node i receives
 * its {@code d_i} neighbours' models ({@code d_i} dense models of bytes on its link) before it
 * computes; those bytes are counted as transfers and downlink bits. The model the metrics evaluate
 * is the nodes' average.
 */
public final class Gossip implements Algorithm {
  private final MixingMatrix w;
  private EdgeLinks links = EdgeLinks.NONE;
  private final MergeOperator merge;
  private final double decay;
  private final long modelBytes;
  private final int[] stepsPerNode; // null: the scenario's local steps
  private final String name;
  private double[][] x;
  private double[][] half;
  private int pending;
  private long round;
  private boolean[] waiting; // nodes that could not start this round yet

  public Gossip(MixingMatrix w, MergeOperator merge, double decay, int modelDim) {
    this(w, merge, decay, modelDim, null, "gossip");
  }

  /**
   * Periodic merging (DIMAT's iterative merge-and-train, ALGORITHMS.md §8.1, for vector models):
   * node i trains {@code stepsPerNode[i]} local steps (its E epochs) between merges, with a
   * constant step.
   */
  public static Gossip merging(
      MixingMatrix w, MergeOperator merge, int modelDim, int[] stepsPerNode) {
    return new Gossip(w, merge, 0, modelDim, stepsPerNode.clone(), "merge");
  }

  private Gossip(
      MixingMatrix w,
      MergeOperator merge,
      double decay,
      int modelDim,
      int[] stepsPerNode,
      String name) {
    this.w = w;
    this.merge = merge;
    this.decay = decay;
    this.modelBytes = VectorCodec.denseFieldBytes(4, modelDim);
    this.stepsPerNode = stepsPerNode;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(AlgorithmContext ctx) {
    int n = w.graph().nodes();
    if (ctx.clients() != n) {
      throw new IllegalStateException(
          "the graph has " + n + " nodes but there are " + ctx.clients() + " clients");
    }
    x = new double[n][];
    half = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = ctx.model().x().clone();
      half[i] = new double[x[i].length];
    }
    waiting = new boolean[n];
    startRound(ctx);
  }

  private void startRound(AlgorithmContext ctx) {
    int n = x.length;
    pending = n;
    for (int i = 0; i < n; i++) {
      waiting[i] = !dispatch(i, ctx);
    }
  }

  /**
   * Uses per-edge link settings: a neighbour's model on an edge with settings takes that edge's
   * time, in parallel with the others; the rest share node i's link, one after another.
   */
  public Gossip withLinks(EdgeLinks edgeLinks) {
    this.links = edgeLinks;
    return this;
  }

  private boolean dispatch(int i, AlgorithmContext ctx) {
    int messages = round == 0 ? 0 : w.graph().degree(i);
    int steps = stepsPerNode == null ? -1 : stepsPerNode[i];
    double seconds = Double.NaN;
    if (messages > 0 && !links.isEmpty()) {
      long shared = 0;
      double longest = 0;
      for (int k = 0; k < messages; k++) {
        int j = w.graph().neighbor(i, k);
        if (links.has(j, i)) {
          longest = Math.max(longest, links.seconds(j, i, modelBytes));
        } else {
          shared += modelBytes;
        }
      }
      seconds = Math.max(longest, shared > 0 ? ctx.downSeconds(i, shared) : 0);
    }
    return ctx.dispatchCarrying(i, x[i], i, messages * modelBytes, messages, steps, seconds);
  }

  @Override
  public void onRetry(AlgorithmContext ctx) {
    for (int i = 0; i < x.length; i++) {
      if (waiting[i]) {
        waiting[i] = !dispatch(i, ctx);
      }
    }
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    int i = u.client();
    double s = decay == 0 ? 1.0 : StrictMath.pow(round + 1, -decay);
    double[] d = u.delta().readOnlyArray();
    double[] h = half[i];
    double[] own = x[i];
    for (int c = 0; c < h.length; c++) {
      h[c] = own[c] + s * d[c];
    }
    if (--pending > 0) {
      return;
    }
    int n = x.length;
    for (int k = 0; k < n; k++) {
      merge.merge(k, half, w, x[k]);
    }
    double[] mean = ctx.model().x();
    java.util.Arrays.fill(mean, 0);
    for (double[] xi : x) {
      for (int c = 0; c < mean.length; c++) {
        mean[c] += xi[c] / n;
      }
    }
    ctx.model().step();
    round++;
    startRound(ctx);
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    throw new IllegalStateException(
        "node " + client + " failed in gossip round " + round + "; the round cannot complete");
  }

  /** Node i's model (for tests). */
  public double[] model(int i) {
    return x[i];
  }

  @Override
  public void saveState(StateWriter out) {
    out.writeInt(x.length).writeLong(round).writeInt(pending);
    for (int i = 0; i < x.length; i++) {
      out.writeDoubles(x[i]).writeDoubles(half[i]).writeBool(waiting[i]);
    }
  }

  @Override
  public void restoreState(StateReader r) {
    int n = r.readInt();
    if (n != w.graph().nodes()) {
      throw new IllegalStateException("checkpoint has " + n + " gossip nodes");
    }
    round = r.readLong();
    pending = r.readInt();
    x = new double[n][];
    half = new double[n][];
    waiting = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.readDoubles();
      half[i] = r.readDoubles();
      waiting[i] = r.readBool();
    }
  }
}
