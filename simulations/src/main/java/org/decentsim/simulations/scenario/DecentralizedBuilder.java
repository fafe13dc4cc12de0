package org.decentsim.simulations.scenario;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.decentsim.coordinator.algorithm.Algorithm;
import org.decentsim.coordinator.algorithm.Gossip;
import org.decentsim.coordinator.algorithm.MergeOperator;
import org.decentsim.coordinator.algorithm.TokenWalk;
import org.decentsim.node.client.Federation;
import org.decentsim.node.compress.CompressorSpec;
import org.decentsim.node.data.DataFormatException;
import org.decentsim.node.data.DataView;
import org.decentsim.node.graph.EdgeLinks;
import org.decentsim.node.graph.Graph;
import org.decentsim.node.graph.MixingMatrix;
import org.decentsim.node.graph.Topologies;
import org.decentsim.node.random.Streams;
import org.decentsim.node.walk.MetropolisHastings;
import org.decentsim.node.walk.NonBacktrackingWalk;
import org.decentsim.node.walk.SimpleWalk;
import org.decentsim.node.walk.TransitionKernel;

/**
 * Reads the decentralized settings: {@code decentsim.topology.*} (the clients' graph) and the
 * random-walk token algorithm ({@code algorithm.kind = token}, ALGORITHMS.md §2.4). Topology and
 * walk settings given a non-default value while the algorithm does not use them are errors.
 */
final class DecentralizedBuilder {
  private static final String D = "decentsim.";
  private static final String[] TOPOLOGY_KEYS = {"kind", "path", "probability", "degree", "rows"};
  private static final String[] TOKEN_KEYS = {
    "walk",
    "alpha",
    "tokens",
    "token.measure-exponent",
    "token.step-exponent",
    "token.step-scale",
    "token.mode"
  };

  private DecentralizedBuilder() {}

  /** True when the algorithm walks a graph. */
  static boolean usesGraph(String algorithmKind) {
    return algorithmKind.equals("token")
        || algorithmKind.equals("gossip")
        || algorithmKind.equals("merge");
  }

  /**
   * Refuses topology and token settings under a federated algorithm, which has no graph. Under
   * gossip the token settings are read only when the kind is switched to token (as a kind's block
   * is), so one scenario can compare the two.
   */
  static void checkUnused(Settings s, String algorithmKind) throws ScenarioException {
    if (!usesGraph(algorithmKind)) {
      for (String k : TOPOLOGY_KEYS) {
        unused(s, D + "topology." + k, algorithmKind);
      }
      for (String k : TOKEN_KEYS) {
        unused(s, D + "algorithm." + k, algorithmKind);
      }
    }
  }

  private static void unused(Settings s, String key, String kind) throws ScenarioException {
    if (!s.isDefault(key)) {
      throw s.error(
          key,
          "applies only to decentralized algorithms (token, gossip, merge); the algorithm is "
              + kind);
    }
  }

  /** The clients' graph, with the per-edge link settings of an edge-list file. */
  static Topologies.EdgeList topology(Settings s, int clients, Streams streams)
      throws ScenarioException {
    String key = D + "topology.";
    String kind =
        s.choice(
            key + "kind",
            "ring",
            "torus",
            "complete",
            "star",
            "erdos-renyi",
            "regular",
            "barabasi-albert",
            "file");
    Graph g;
    EdgeLinks links = EdgeLinks.NONE;
    try {
      g =
          switch (kind) {
            case "ring" -> Topologies.ring(clients);
            case "torus" -> {
              int rows = s.integer(key + "rows", 0, clients);
              if (rows == 0) {
                rows = (int) Math.round(Math.sqrt(clients));
              }
              if (clients % rows != 0) {
                throw s.error(
                    key + "rows",
                    "a torus of " + clients + " clients needs rows dividing it, got " + rows);
              }
              yield Topologies.torus(rows, clients / rows);
            }
            case "complete" -> Topologies.complete(clients);
            case "star" -> Topologies.star(clients);
            case "erdos-renyi" ->
                Topologies.erdosRenyi(
                    clients,
                    s.numberIn(key + "probability", Double.MIN_VALUE, 1),
                    streams.stream("topology", 0));
            case "regular" ->
                Topologies.regular(
                    clients, s.integer(key + "degree", 1, clients), streams.stream("topology", 0));
            case "barabasi-albert" ->
                Topologies.barabasiAlbert(
                    clients, s.integer(key + "degree", 1, clients), streams.stream("topology", 0));
            default -> {
              String path = s.string(key + "path");
              if (path.isBlank()) {
                throw s.error(key + "path", "required when decentsim.topology.kind = file");
              }
              Topologies.EdgeList list = Topologies.readWithLinks(Path.of(path));
              links = list.links();
              yield list.graph();
            }
          };
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw s.error(key + "kind", e.getMessage());
    } catch (DataFormatException e) {
      throw s.error(key + "path", e.getMessage());
    }
    if (g.nodes() != clients) {
      throw s.error(
          key + "kind",
          "the graph has "
              + g.nodes()
              + " nodes but decentsim.partition.clients = "
              + clients
              + " (one client per node)");
    }
    if (!g.isConnected()) {
      throw s.error(key + "kind", "the graph is not connected");
    }
    return new Topologies.EdgeList(g, links);
  }

  /** Gossip (D-PSGD, adapt-then-combine) over {@code g}. */
  static Supplier<Algorithm> gossip(Settings s, Topologies.EdgeList list, int modelDim)
      throws ScenarioException {
    Graph g = list.graph();
    String key = D + "algorithm.gossip.";
    MixingMatrix.Rule rule = s.enumValue(key + "weights", MixingMatrix.Rule.class);
    double decay = s.numberIn(key + "step-decay", 0, 1);
    requireUniformWeights(s, "gossip with a doubly stochastic W optimises");
    MixingMatrix w = new MixingMatrix(g, rule);
    CompressionBuilder.Exchange ex = CompressionBuilder.exchange(s, modelDim, true);
    return () ->
        withExchange(new Gossip(w, MergeOperator.AVERAGE, decay, modelDim), ex, modelDim)
            .withLinks(list.links());
  }

  /**
   * Periodic merging over {@code g}: node i runs {@code epochs * ceil(n_i / batch)} local steps
   * (full-batch: {@code epochs}) between merges.
   */
  static Supplier<Algorithm> merge(Settings s, Topologies.EdgeList list, Federation fed)
      throws ScenarioException {
    Graph g = list.graph();
    String key = D + "algorithm.merge.";
    MixingMatrix.Rule rule = s.enumValue(key + "weights", MixingMatrix.Rule.class);
    int epochs = s.integer(key + "epochs", 1, 1_000_000);
    if (!s.isDefault(D + "local.steps") || !s.isDefault(D + "local.steps-max")) {
      throw s.error(
          D + "local.steps",
          "merge sets each node's local steps from decentsim.algorithm.merge.epochs; remove"
              + " local.steps and local.steps-max");
    }
    requireUniformWeights(s, "merging with a doubly stochastic W optimises");
    int[] steps = new int[g.nodes()];
    int batch = fed.batchSize();
    for (int i = 0; i < steps.length; i++) {
      int rows = fed.partition().size(i);
      long perEpoch = batch == 0 || batch >= rows ? 1 : (rows + batch - 1) / batch;
      long total = epochs * perEpoch;
      if (total > Integer.MAX_VALUE) {
        throw s.error(key + "epochs", "too many local steps for client " + i);
      }
      steps[i] = (int) total;
    }
    MixingMatrix w = new MixingMatrix(g, rule);
    CompressionBuilder.Exchange ex = CompressionBuilder.exchange(s, fed.modelDim(), true);
    return () ->
        withExchange(
                Gossip.merging(w, MergeOperator.AVERAGE, fed.modelDim(), steps), ex, fed.modelDim())
            .withLinks(list.links());
  }

  private static Gossip withExchange(Gossip g, CompressionBuilder.Exchange ex, int dim) {
    return ex == null
        ? g
        : g.withCompressedExchanges(ex.compressor().create(dim), ex.consensusStep());
  }

  private static TransitionKernel baseWalk(Settings s, Graph g) throws ScenarioException {
    return switch (s.choice(D + "algorithm.walk", "srw", "mh", "nbrw")) {
      case "srw" -> new SimpleWalk(g);
      case "mh" -> new MetropolisHastings(g);
      default -> new NonBacktrackingWalk(g);
    };
  }

  /**
   * {@code client-weights = stationary}: the token's base walk's stationary law {@code mu}, the
   * weights of the objective {@code sum_i mu_i f_i} that tokens optimise without reweighting.
   */
  static double[] stationaryWeights(Settings s, Topologies.EdgeList topology)
      throws ScenarioException {
    String key = D + "algorithm.client-weights";
    if (!s.string(D + "algorithm.kind").equals("token")) {
      throw s.error(
          key, "stationary (the walk's law) applies only to algorithm.kind = token; use uniform");
    }
    TransitionKernel base = baseWalk(s, topology.graph());
    double[] mu = new double[topology.graph().nodes()];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = base.stationary(i);
    }
    return mu;
  }

  private static void requireUniformWeights(Settings s, String what) throws ScenarioException {
    String key = D + "algorithm.client-weights";
    if (!s.string(key).equals("uniform")) {
      throw s.error(
          key,
          what
              + " the uniform average (1/N) sum_i f_i; set decentsim.algorithm.client-weights ="
              + " uniform so that the metrics measure the same objective");
    }
  }

  /** The token algorithm over {@code g}. */
  static Supplier<Algorithm> token(Settings s, Topologies.EdgeList list, Federation fed)
      throws ScenarioException {
    Graph g = list.graph();
    EdgeLinks links = list.links();
    int modelDim = fed.modelDim();
    String key = D + "algorithm.";
    if (s.integer(D + "local.steps", 1, Integer.MAX_VALUE) != 1
        || s.integer(D + "local.steps-max", 0, Integer.MAX_VALUE) > 1) {
      throw s.error(
          D + "local.steps",
          "a token visit is one gradient step (ALGORITHMS.md §2.4); set decentsim.local.steps = 1");
    }
    TransitionKernel base = baseWalk(s, g);
    double alpha = s.numberIn(key + "alpha", 0, 1000);
    int tokens = s.integer(key + "tokens", 1, g.nodes());
    String t = key + "token.";
    double a = s.numberIn(t + "measure-exponent", 0, 1);
    if (!(a > 0.5)) {
      throw s.error(t + "measure-exponent", "must be in (0.5, 1], got " + a);
    }
    double b = s.numberIn(t + "step-exponent", 0, 1);
    if (!(b > 0.5)) {
      throw s.error(t + "step-exponent", "must be in (0.5, 1], got " + b);
    }
    double scale = s.positive(t + "step-scale");
    String weights = s.string(key + "client-weights");
    boolean uniform = weights.equals("uniform");
    if (!uniform && !weights.equals("stationary")) {
      throw s.error(
          key + "client-weights",
          "tokens optimise either the uniform average (1/N) sum_i f_i (client-weights = uniform;"
              + " gradients reweighted by 1/(N mu_i)) or the walk's sum_i mu_i f_i (client-weights"
              + " = stationary); the metrics then measure the same objective");
    }
    TokenWalk.Settings ts = new TokenWalk.Settings(tokens, alpha, a, b, scale, uniform);
    CompressorSpec hop = CompressionBuilder.hop(s, modelDim, true);
    if (s.choice(t + "mode", "optimize", "sample").equals("sample")) {
      double[] values = new double[g.nodes()];
      for (int i = 0; i < values.length; i++) {
        DataView v = fed.view(i);
        double sum = 0;
        for (int r = 0; r < v.size(); r++) {
          sum += v.data().label(v.row(r));
        }
        values[i] = v.size() == 0 ? 0 : sum / v.size();
      }
      return () ->
          withHops(TokenWalk.sampling(g, links, base, ts, modelDim, values), hop, modelDim);
    }
    return () -> withHops(new TokenWalk(g, links, base, ts, modelDim), hop, modelDim);
  }

  private static TokenWalk withHops(TokenWalk t, CompressorSpec hop, int dim) {
    return hop == null ? t : t.withHopCompression(hop.create(dim));
  }
}
