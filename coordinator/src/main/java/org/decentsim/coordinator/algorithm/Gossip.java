package org.decentsim.coordinator.algorithm;

import org.decentsim.node.compress.Compressor;
import org.decentsim.node.graph.EdgeLinks;
import org.decentsim.node.graph.MixingMatrix;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Rngs;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.Payload;

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
 *
 * <p>With a compressor on the exchanges ({@link #withCompressedExchanges}) the round follows
 * CHOCO-Gossip (Koloskova, Stich, Jaggi, ICML 2019): every node keeps public copies {@code x_hat_j}
 * of itself and its neighbours, sends {@code q_i = C(x_i^{t+1/2} - x_hat_i)}, all holders add
 * {@code q_i} to {@code x_hat_i}, and {@code x_i^{t+1} = x_i^{t+1/2} + gamma (merge_i(x_hat) -
 * x_hat_i)}. With the identity compressor and {@code gamma = 1} this is the uncompressed round
 * above. Each node's message is encoded once and its bytes are what its neighbours receive.
 */
public final class Gossip implements Algorithm {
  private final MixingMatrix w;
  private EdgeLinks links = EdgeLinks.NONE;
  private final MergeOperator merge;
  private final double decay;
  private final int modelDim;
  private final long modelBytes;
  private final int[] stepsPerNode; // null: the scenario's local steps
  private final String name;
  private double[][] x;
  private double[][] half;
  private int pending;
  private long round;
  private boolean[] waiting; // nodes that could not start this round yet
  // compressed exchanges (CHOCO-Gossip); null compressor: dense models
  private Compressor exchange;
  private double consensusStep = 1;
  private Rng[] exchangeRngs;
  private double[][] exchangeStates;
  private double[][] xHat;
  private long[] sentBytes;
  private Payload message;
  private double[] decoded;
  private double[] mixed;

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
    this.modelDim = modelDim;
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
    allocate(n, modelDim);
    for (int i = 0; i < n; i++) {
      x[i] = ctx.model().x().clone();
      half[i] = new double[x[i].length];
      if (exchange != null) {
        exchangeRngs[i] = ctx.stream("gossip-exchange-" + i);
        exchangeStates[i] = exchange.newState(exchangeRngs[i]);
        xHat[i] = x[i].clone();
      }
    }
    startRound(ctx);
  }

  /** The per-node tables and scratch of a run (filled by start or by a checkpoint). */
  private void allocate(int n, int d) {
    x = new double[n][];
    half = new double[n][];
    waiting = new boolean[n];
    if (exchange != null) {
      exchangeRngs = new Rng[n];
      exchangeStates = new double[n][];
      xHat = new double[n][];
      sentBytes = new long[n];
      message = new Payload();
      decoded = new double[d];
      mixed = new double[d];
    }
  }

  /**
   * Compresses the exchanged models with {@code compressor} (one instance, used on the engine's
   * thread), CHOCO-Gossip style with consensus step {@code gamma} in (0, 1].
   */
  public Gossip withCompressedExchanges(Compressor compressor, double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("the consensus step must be in (0, 1], got " + gamma);
    }
    this.exchange = compressor;
    this.consensusStep = gamma;
    return this;
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
    long total = 0;
    long shared = 0;
    double longest = 0;
    for (int k = 0; k < messages; k++) {
      int j = w.graph().neighbor(i, k);
      long bytes = exchange == null ? modelBytes : sentBytes[j];
      total += bytes;
      if (links.has(j, i)) {
        longest = Math.max(longest, links.seconds(j, i, bytes));
      } else {
        shared += bytes;
      }
    }
    if (messages > 0 && !links.isEmpty()) {
      seconds = Math.max(longest, shared > 0 ? ctx.downSeconds(i, shared) : 0);
    }
    return ctx.dispatchCarrying(i, x[i], i, total, messages, steps, seconds);
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
    double[] d = u.delta();
    double[] h = half[i];
    double[] own = x[i];
    for (int c = 0; c < h.length; c++) {
      h[c] = own[c] + s * d[c];
    }
    if (--pending > 0) {
      return;
    }
    int n = x.length;
    if (exchange == null) {
      for (int k = 0; k < n; k++) {
        merge.merge(k, half, w, x[k]);
      }
    } else {
      exchangeCompressed();
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

  /** CHOCO-Gossip: update the public copies with the compressed messages, then mix. */
  private void exchangeCompressed() {
    int n = x.length;
    int d = decoded.length;
    for (int i = 0; i < n; i++) {
      double[] h = half[i];
      double[] xh = xHat[i];
      for (int c = 0; c < d; c++) {
        mixed[c] = h[c] - xh[c];
      }
      exchange.compress(mixed, message, exchangeRngs[i], exchangeStates[i]);
      sentBytes[i] = message.encodedBytes();
      message.decodeInto(decoded);
      for (int c = 0; c < d; c++) {
        xh[c] += decoded[c];
      }
    }
    for (int i = 0; i < n; i++) {
      merge.merge(i, xHat, w, mixed);
      double[] xi = x[i];
      double[] h = half[i];
      double[] xh = xHat[i];
      for (int c = 0; c < d; c++) {
        xi[c] = h[c] + consensusStep * (mixed[c] - xh[c]);
      }
    }
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    throw new IllegalStateException(
        "node " + client + " failed in gossip round " + round + "; the round cannot complete");
  }

  @Override
  public void saveState(StateWriter out) {
    out.writeInt(x.length).writeLong(round).writeInt(pending);
    for (int i = 0; i < x.length; i++) {
      out.writeDoubles(x[i]).writeDoubles(half[i]).writeBool(waiting[i]);
    }
    if (exchange != null) {
      Rngs.save(out, exchangeRngs);
      out.writeLongs(sentBytes);
      for (int i = 0; i < x.length; i++) {
        out.writeDoubles(xHat[i]).writeNullableDoubles(exchangeStates[i]);
      }
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
    allocate(n, modelDim);
    for (int i = 0; i < n; i++) {
      x[i] = r.readDoubles();
      half[i] = r.readDoubles();
      waiting[i] = r.readBool();
    }
    if (exchange != null) {
      Rngs.restore(r, exchangeRngs);
      sentBytes = r.readLongs();
      for (int i = 0; i < n; i++) {
        xHat[i] = r.readDoubles();
        exchangeStates[i] = r.readNullableDoubles();
      }
    }
  }
}
