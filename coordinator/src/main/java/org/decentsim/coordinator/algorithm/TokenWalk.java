package org.decentsim.coordinator.algorithm;

import org.decentsim.node.compress.Compressor;
import org.decentsim.node.compress.CompressorClass;
import org.decentsim.node.graph.EdgeLinks;
import org.decentsim.node.graph.Graph;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Rngs;
import org.decentsim.node.walk.EmpiricalMeasure;
import org.decentsim.node.walk.SelfRepellentWalk;
import org.decentsim.node.walk.TransitionKernel;
import org.decentsim.node.walk.Walker;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.Payload;

/**
 * Random-walk tokens over the clients' graph: SA-SRRW (ALGORITHMS.md §2.4), with random-walk SGD
 * (§8.3) as its {@code alpha = 0} case. Each token k carries a model {@code theta_k} and its own
 * empirical measure {@code x_k}, and moves by the self-repellent kernel {@code K[x_k]} over a base
 * chain (SRW, Metropolis–Hastings or non-backtracking) with its own stream {@code ("token-k")}.
 *
 * <p>A visit of token k at node i is one job of client i on {@code theta_k} (one local step of the
 * node's solver, so the job's update is {@code -lr * g_i(theta_k)}); when it is done:
 *
 * <pre>
 *   n_k     <- n_k + 1
 *   theta_k <- theta_k + beta_{n_k} * c_i * update / lr,  beta_n = scale * (n + 1)^(-b)
 *   X       ~ K[x_k](i, .);  x_k <- x_k + gamma (delta_X - x_k),  gamma_n = (n + 1)^(-a)
 * </pre>
 *
 * with {@code c_i = 1/(N mu_i)} for the uniform objective or 1 for the {@code mu}-weighted one, and
 * the token travels to X (transfer time from X's link and the token's bytes: {@code theta}, plus
 * {@code x} when {@code alpha > 0} since the kernel needs it). The gradient is taken where the
 * token is and the move follows (the one-step index shift ALGORITHMS.md allows). A token whose next
 * node is busy with another token waits for it; its transfer starts when the node is free.
 *
 * <p>The global model that metrics evaluate is the mean of the tokens' models; {@link
 * #totalVariation()} is the tokens' mean TV distance of {@code x_k} to {@code mu}.
 *
 * <p>With hop compression ({@link #withHopCompression}, an unbiased compressor) a token leaving a
 * node carries {@code C(theta_k)} instead of {@code theta_k}, and its model becomes what arrives:
 * there is no copy at the receiving node to send a difference against, so there is no error
 * feedback. The hop's bytes are the payload's (plus {@code x} when it travels).
 */
public final class TokenWalk implements Algorithm {
  /** The base chain. */
  public enum Base {
    SRW,
    MH,
    NBRW
  }

  /**
   * @param measureExponent a of {@code gamma_n = (n+1)^(-a)}, in (0.5, 1]
   * @param stepExponent b of {@code beta_n = scale (n+1)^(-b)}; b > a is regime (i)
   * @param uniformTarget reweight by {@code 1/(N mu_i)} to optimise the uniform average
   */
  public record Settings(
      int tokens,
      double alpha,
      double measureExponent,
      double stepExponent,
      double stepScale,
      boolean uniformTarget) {}

  /**
   * Sampling only (ALGORITHMS.md §2.6 (a)): the tokens train nothing; each estimates the mean
   * {@code (1/N) sum_i f(i)} of a node function as {@code sum_i x_k(i) f(i) / (N mu_i)}, and {@link
   * #targetErrorSq()} is the tokens' mean squared error of that estimate.
   */
  public static TokenWalk sampling(
      Graph graph,
      EdgeLinks links,
      TransitionKernel base,
      Settings settings,
      int modelDim,
      double[] nodeValues) {
    TokenWalk t = new TokenWalk(graph, links, base, settings, modelDim);
    if (nodeValues.length != graph.nodes()) {
      throw new IllegalArgumentException("one value per node is needed");
    }
    t.nodeValues = nodeValues.clone();
    double mean = 0;
    for (double v : nodeValues) {
      mean += v / nodeValues.length;
    }
    t.trueMean = mean;
    return t;
  }

  private final EdgeLinks links;
  private final TransitionKernel base;
  private final Settings settings;
  private final int nodes;
  private final long tokenBytes;
  private final long measureBytes;
  // hop compression (null: theta travels whole)
  private Compressor hopCompressor;
  private Rng[] hopRngs;
  private double[][] hopStates;
  private long[] hopBytes;
  private Payload hopPayload;
  private double[] nodeValues; // sampling only: f(i)
  private double trueMean;
  private double[][] theta;
  private EmpiricalMeasure[] measures;
  private Walker[] walkers;
  private long[] visits;
  // tokens waiting for a busy node: FIFO per node as linked lists over token ids
  private int[] head;
  private int[] tail;
  private int[] nextWaiting;
  private int[] waitingAt;

  /**
   * Tokens over {@code graph}; hops over edges with their own {@code links} settings take those
   * edges' times ({@link EdgeLinks#NONE}: every hop uses the receiving client's link).
   */
  public TokenWalk(
      Graph graph, EdgeLinks links, TransitionKernel base, Settings settings, int modelDim) {
    if (settings.tokens() < 1) {
      throw new IllegalArgumentException("tokens must be >= 1");
    }
    this.links = links;
    this.base = base;
    this.settings = settings;
    this.nodes = graph.nodes();
    this.measureBytes =
        settings.alpha() > 0 ? VectorCodec.denseFieldBytes(5, nodes) : 0; // x travels with it
    this.tokenBytes = VectorCodec.denseFieldBytes(4, modelDim) + measureBytes;
  }

  @Override
  public String name() {
    return "token";
  }

  @Override
  public void start(AlgorithmContext ctx) {
    if (ctx.clients() != nodes) {
      throw new IllegalStateException(
          "the graph has " + nodes + " nodes but there are " + ctx.clients() + " clients");
    }
    int t = settings.tokens();
    theta = new double[t][];
    measures = new EmpiricalMeasure[t];
    walkers = new Walker[t];
    visits = new long[t];
    head = new int[nodes];
    tail = new int[nodes];
    java.util.Arrays.fill(head, -1);
    java.util.Arrays.fill(tail, -1);
    nextWaiting = new int[t];
    waitingAt = new int[t];
    java.util.Arrays.fill(waitingAt, -1);
    for (int k = 0; k < t; k++) {
      theta[k] = ctx.model().x().clone();
      measures[k] = new EmpiricalMeasure(nodes, settings.measureExponent());
      Rng rng = ctx.stream("token-" + k);
      int startNode = rng.nextInt(nodes);
      walkers[k] = walker(measures[k], rng, startNode);
    }
    if (hopCompressor != null) {
      hopRngs = new Rng[t];
      hopStates = new double[t][];
      hopBytes = new long[t];
      hopPayload = new Payload();
      for (int k = 0; k < t; k++) {
        hopRngs[k] = ctx.stream("token-hop-" + k);
        hopStates[k] = hopCompressor.newState(hopRngs[k]);
      }
    }
    for (int k = 0; k < t; k++) {
      depart(k, ctx);
    }
    for (int k = 0; k < t; k++) {
      send(k, walkers[k].current(), ctx);
    }
  }

  /** A token's walker: the self-repellent kernel over the base walk, driven by its measure. */
  private Walker walker(EmpiricalMeasure measure, Rng rng, int startNode) {
    return new Walker(
        new SelfRepellentWalk(base, settings.alpha(), measure), measure, rng, startNode);
  }

  /**
   * Compresses every hop's model with {@code compressor}, which must be unbiased (the token's model
   * is replaced by the decoded message, so a biased compressor would shrink it hop by hop).
   */
  public TokenWalk withHopCompression(Compressor compressor) {
    if (compressor.compressorClass().type() != CompressorClass.Type.UNBIASED) {
      throw new IllegalArgumentException(
          compressor.name() + " is not unbiased: " + compressor.compressorClass());
    }
    this.hopCompressor = compressor;
    return this;
  }

  /** Bytes of token k's next hop. */
  private long bytesOf(int k) {
    return hopCompressor == null ? tokenBytes : hopBytes[k];
  }

  /**
   * Token k leaves its node: with hop compression its model becomes the decoded message (and the
   * mean model follows; the caller then marks the model step).
   */
  private void depart(int k, AlgorithmContext ctx) {
    if (hopCompressor == null) {
      return;
    }
    hopCompressor.compress(theta[k], hopPayload, hopRngs[k], hopStates[k]);
    hopBytes[k] = hopPayload.encodedBytes() + measureBytes;
    double[] before = theta[k];
    double[] x = ctx.model().x();
    double share = 1.0 / theta.length;
    for (int j = 0; j < before.length; j++) {
      double old = before[j];
      before[j] = 0;
      x[j] -= share * old;
    }
    hopPayload.decodeInto(before);
    for (int j = 0; j < before.length; j++) {
      x[j] += share * before[j];
    }
  }

  @Override
  public void onUpdate(ClientUpdate u, AlgorithmContext ctx) {
    int k = u.tag();
    int i = u.client();
    if (k < 0 || k >= theta.length) {
      throw new IllegalStateException("update of client " + i + " carries no token");
    }
    visits[k]++;
    if (nodeValues != null) {
      int next = walkers[k].step();
      depart(k, ctx);
      ctx.model().step();
      release(i, ctx);
      send(k, next, ctx);
      return;
    }
    double beta = settings.stepScale() * StrictMath.pow(visits[k] + 1, -settings.stepExponent());
    double c = settings.uniformTarget() ? 1.0 / (nodes * base.stationary(i)) : 1.0;
    double w = beta * c / ctx.localLearningRate();
    double[] th = theta[k];
    double[] x = ctx.model().x();
    double[] h = u.delta();
    double share = 1.0 / theta.length;
    for (int j = 0; j < th.length; j++) {
      double step = w * h[j];
      th[j] += step;
      x[j] += share * step;
    }
    int next = walkers[k].step();
    depart(k, ctx);
    ctx.model().step();
    release(i, ctx); // node i is free: a token waiting for it goes first
    send(k, next, ctx);
  }

  @Override
  public void onRetry(AlgorithmContext ctx) {
    for (int i = 0; i < nodes; i++) {
      if (head[i] >= 0 && ctx.isIdle(i)) {
        release(i, ctx);
      }
    }
  }

  @Override
  public void onFault(int client, long versionSent, AlgorithmContext ctx) {
    throw new IllegalStateException(
        "a token visit of node " + client + " failed; the token cannot continue");
  }

  /** Sends token k to node i, or queues it there when i is busy or unavailable. */
  private void send(int k, int i, AlgorithmContext ctx) {

    if (head[i] < 0 && hop(k, i, ctx)) {
      return;
    }
    waitingAt[k] = i;
    nextWaiting[k] = -1;
    if (tail[i] >= 0) {
      nextWaiting[tail[i]] = k;
    } else {
      head[i] = k;
    }
    tail[i] = k;
  }

  /** Dispatches the first token waiting for node i, if i can take it now. */
  private void release(int i, AlgorithmContext ctx) {
    int k = head[i];
    if (k < 0 || !hop(k, i, ctx)) {
      return;
    }
    head[i] = nextWaiting[k];
    if (head[i] < 0) {
      tail[i] = -1;
    }
    waitingAt[k] = -1;
  }

  /** Moves token k to node i: over the edge from the node it left, if that edge has settings. */
  private boolean hop(int k, int i, AlgorithmContext ctx) {
    int from = walkers[k].previous();
    long bytes = bytesOf(k);
    double seconds = from >= 0 ? links.seconds(from, i, bytes) : Double.NaN;
    return ctx.dispatchCarrying(i, theta[k], k, bytes, 1, visitSteps(), seconds);
  }

  /** Local steps of a visit: none when only sampling, else the scenario's (one). */
  private int visitSteps() {
    return nodeValues != null ? 0 : -1;
  }

  @Override
  public double targetErrorSq() {
    if (nodeValues == null || measures == null) {
      return Double.NaN;
    }
    double s = 0;
    for (EmpiricalMeasure m : measures) {
      double estimate = 0;
      for (int i = 0; i < nodes; i++) {
        estimate += m.get(i) * nodeValues[i] / (nodes * base.stationary(i));
      }
      s += (estimate - trueMean) * (estimate - trueMean);
    }
    return s / measures.length;
  }

  /** Mean over tokens of the total-variation distance of {@code x_k} to {@code mu}. */
  @Override
  public double totalVariation() {
    if (measures == null) {
      return Double.NaN;
    }
    double s = 0;
    for (EmpiricalMeasure m : measures) {
      s += m.totalVariation(base);
    }
    return s / measures.length;
  }

  @Override
  public void saveState(StateWriter w) {
    w.writeInt(theta.length);
    for (int k = 0; k < theta.length; k++) {
      w.writeDoubles(theta[k]).writeLong(visits[k]);
      measures[k].save(w);
      walkers[k].save(w);
    }
    w.writeInts(head).writeInts(tail).writeInts(nextWaiting).writeInts(waitingAt);
    if (hopCompressor != null) {
      w.writeLongs(hopBytes);
      Rngs.save(w, hopRngs);
      for (int k = 0; k < theta.length; k++) {
        w.writeNullableDoubles(hopStates[k]);
      }
    }
  }

  @Override
  public void restoreState(StateReader r) {
    int t = r.readInt();
    if (t != settings.tokens()) {
      throw new IllegalStateException("checkpoint has " + t + " tokens");
    }
    // start() is not called on a restored run: build the same structures, then overwrite them
    theta = new double[t][];
    measures = new EmpiricalMeasure[t];
    walkers = new Walker[t];
    visits = new long[t];
    for (int k = 0; k < t; k++) {
      theta[k] = r.readDoubles();
      visits[k] = r.readLong();
      measures[k] = new EmpiricalMeasure(nodes, settings.measureExponent());
      measures[k].restore(r);
      walkers[k] = walker(measures[k], new Rng(0), 0); // position and stream from the checkpoint
      walkers[k].restore(r);
    }
    head = r.readInts();
    tail = r.readInts();
    nextWaiting = r.readInts();
    waitingAt = r.readInts();
    if (hopCompressor != null) {
      hopBytes = r.readLongs();
      hopRngs = new Rng[t];
      hopStates = new double[t][];
      hopPayload = new Payload();
      Rngs.restore(r, hopRngs);
      for (int k = 0; k < t; k++) {
        hopStates[k] = r.readNullableDoubles();
      }
    }
  }
}
