package org.decentsim.simulations.scenario;

import java.util.EnumSet;
import java.util.Set;
import org.decentsim.node.client.Federation;
import org.decentsim.node.compress.Compression;
import org.decentsim.node.compress.CompressorClass;
import org.decentsim.node.compress.CompressorSpec;
import org.decentsim.node.compress.CompressorSpec.Kind;
import org.decentsim.node.compress.ErrorFeedback;
import org.decentsim.node.compress.Qsgd;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.objective.Optimum;

/**
 * Reads {@code decentsim.compression.*}: the compressor, its parameters and the error-feedback rule
 * of each direction. A parameter set for a compressor or rule that does not use it is an error, as
 * is a combination no paper defines (ALGORITHMS.md §3, §4):
 *
 * <ul>
 *   <li>ef21-w needs FedAvg with uniform client weights: its decoded updates {@code n w_i g_i}
 *       average to the paper's {@code sum_i w_i g_i} only when {@code p_i = 1/n};
 *   <li>ec-ideal needs one local step: its shift is the one-step update at the optimum.
 * </ul>
 */
final class CompressionBuilder {
  private static final String D = "decentsim.";

  /** The keys every compressor block has (the error-feedback keys aside). */
  private static final String[] COMPRESSOR_KEYS = {
    "kind", "float32", "k-fraction", "k", "probability", "levels", "rank", "rows", "cols"
  };

  private CompressionBuilder() {}

  /** The uplink compression, or null when messages go out uncompressed. */
  static Compression uplink(Settings s, Federation fed, double[] p) throws ScenarioException {
    String key = D + "compression.uplink.";
    CompressorSpec spec = compressor(s, key, fed.modelDim());
    ErrorFeedback.Kind ef = s.enumValue(key + "error-feedback", ErrorFeedback.Kind.class);
    onlyFor(s, key + "eta", ef == ErrorFeedback.Kind.ECONTROL, "error-feedback = econtrol");
    onlyFor(s, key + "nu", ef == ErrorFeedback.Kind.EF21_SGDM, "error-feedback = ef21-sgdm");
    double eta = s.numberIn(key + "eta", 0, 1e6);
    double nu = s.numberIn(key + "nu", 0, 1);
    if (ef == ErrorFeedback.Kind.EF21_SGDM && nu == 0) {
      throw s.error(key + "nu", "must be > 0 for ef21-sgdm (0 would never use a new update)");
    }
    double[] scales = null;
    double[][] ideal = null;
    if (ef == ErrorFeedback.Kind.EF21_W) {
      String algo = s.string(D + "algorithm.kind");
      String weights = s.string(D + "algorithm.client-weights");
      if (!algo.equals("fedavg") || !weights.equals("uniform")) {
        throw s.error(
            key + "error-feedback",
            "ef21-w is defined for FedAvg with uniform client weights (ALGORITHMS.md §4.3): its"
                + " decoded updates n w_i g_i average to sum_i w_i g_i only when p_i = 1/n; set"
                + " decentsim.algorithm.kind = fedavg and decentsim.algorithm.client-weights ="
                + " uniform");
      }
      scales = ef21wScales(s, key, fed);
    }
    if (ef == ErrorFeedback.Kind.EC_IDEAL) {
      ideal = idealShifts(s, key, fed, p);
    }
    Compression c = new Compression(spec, new ErrorFeedback(ef, eta, nu, scales, ideal));
    return c.isOff() ? null : c;
  }

  /**
   * The downlink compression, or null when the model goes out uncompressed. Error feedback on the
   * downlink is {@code none} (the client trains from {@code C(x)}) or {@code ef21}, i.e. EF21-P:
   * both sides keep the client's model {@code w_i}, the first message sends {@code x} whole, and
   * then {@code w_i <- w_i + C(x - w_i)}.
   */
  static Compression downlink(Settings s, Federation fed) throws ScenarioException {
    String key = D + "compression.downlink.";
    CompressorSpec spec = compressor(s, key, fed.modelDim());
    ErrorFeedback.Kind ef = s.enumValue(key + "error-feedback", ErrorFeedback.Kind.class);
    if (ef != ErrorFeedback.Kind.NONE && ef != ErrorFeedback.Kind.EF21) {
      throw s.error(
          key + "error-feedback",
          "the downlink supports none and ef21 (EF21-P: each client's model w_i <- w_i + C(x -"
              + " w_i)); "
              + ef.scenarioName()
              + " is defined for workers' updates only");
    }
    onlyFor(s, key + "eta", false, "the uplink's econtrol");
    onlyFor(s, key + "nu", false, "the uplink's ef21-sgdm");
    Compression c = new Compression(spec, new ErrorFeedback(ef, 0, 0, null, null));
    return c.isOff() ? null : c;
  }

  /**
   * The compressor of gossip / merge exchanges and the consensus step, or null when the models
   * travel whole (identity, doubles, gamma = 1). Refused for algorithms that exchange no models.
   */
  static Exchange exchange(Settings s, int dim, boolean exchangesModels) throws ScenarioException {
    String key = D + "compression.exchange.";
    if (!exchangesModels) {
      String why = "gossip and merge, which exchange models between nodes";
      for (String k : COMPRESSOR_KEYS) {
        onlyFor(s, key + k, false, why);
      }
      onlyFor(s, key + "consensus-step", false, why);
      return null;
    }
    CompressorSpec spec = compressor(s, key, dim);
    double gamma = s.numberIn(key + "consensus-step", 0, 1);
    if (gamma == 0) {
      throw s.error(key + "consensus-step", "must be in (0, 1]");
    }
    boolean off = spec.kind() == CompressorSpec.Kind.IDENTITY && !spec.float32() && gamma == 1;
    return off ? null : new Exchange(spec, gamma);
  }

  /**
   * The compressor of token hops, or null when the token's model travels whole. Only unbiased
   * compressors: the token's model is replaced by the decoded message, with no feedback.
   */
  static CompressorSpec hop(Settings s, int dim, boolean token) throws ScenarioException {
    String key = D + "compression.hop.";
    if (!token) {
      for (String k : COMPRESSOR_KEYS) {
        onlyFor(s, key + k, false, "algorithm.kind = token");
      }
      return null;
    }
    CompressorSpec spec = compressor(s, key, dim);
    CompressorClass cls = spec.create(dim).compressorClass();
    if (cls.type() != CompressorClass.Type.UNBIASED) {
      throw s.error(
          key + "kind",
          spec.kind().scenarioName()
              + " is "
              + cls
              + "; a hop replaces the token's model by the decoded message with no error"
              + " feedback, so only unbiased compressors keep it right on average (identity,"
              + " rand-k, bernoulli, qsgd, natural-dithering, natural)");
    }
    boolean off = spec.kind() == CompressorSpec.Kind.IDENTITY && !spec.float32();
    return off ? null : spec;
  }

  /** Compressed gossip exchanges: the compressor and CHOCO-Gossip's consensus step. */
  record Exchange(CompressorSpec compressor, double consensusStep) {}

  private static CompressorSpec compressor(Settings s, String key, int dim)
      throws ScenarioException {
    Kind kind = s.enumValue(key + "kind", Kind.class);
    Set<Kind> sparse = EnumSet.of(Kind.TOP_K, Kind.RAND_K, Kind.RAND_K_UNSCALED);
    Set<Kind> floats =
        EnumSet.of(
            Kind.IDENTITY,
            Kind.TOP_K,
            Kind.RAND_K,
            Kind.RAND_K_UNSCALED,
            Kind.BERNOULLI,
            Kind.POWERSGD);
    onlyFor(s, key + "k-fraction", sparse.contains(kind), "top-k, rand-k and rand-k-unscaled");
    onlyFor(s, key + "k", sparse.contains(kind), "top-k, rand-k and rand-k-unscaled");
    onlyFor(s, key + "probability", kind == Kind.BERNOULLI, "bernoulli");
    onlyFor(
        s,
        key + "levels",
        kind == Kind.QSGD || kind == Kind.NATURAL_DITHERING,
        "qsgd and natural-dithering");
    for (String k : new String[] {"rank", "rows", "cols"}) {
      onlyFor(s, key + k, kind == Kind.POWERSGD, "powersgd");
    }
    boolean f32 = s.bool(key + "float32");
    if (f32 && !floats.contains(kind)) {
      throw s.error(
          key + "float32",
          kind.scenarioName() + " sends no raw values (its codes are already compact)");
    }
    double kFraction = s.numberIn(key + "k-fraction", 0, 1);
    if (sparse.contains(kind) && kFraction == 0 && s.isDefault(key + "k")) {
      throw s.error(key + "k-fraction", "must be > 0 (or set k)");
    }
    int k = s.integer(key + "k", 0, Integer.MAX_VALUE);
    if (k > dim) {
      throw s.error(key + "k", "is larger than the model dimension " + dim);
    }
    double probability = s.numberIn(key + "probability", 0, 1);
    if (kind == Kind.BERNOULLI && probability == 0) {
      throw s.error(key + "probability", "must be > 0");
    }
    int levels =
        s.integer(key + "levels", 1, kind == Kind.NATURAL_DITHERING ? 60 : Qsgd.MAX_LEVELS);
    int rank = s.integer(key + "rank", 1, Integer.MAX_VALUE);
    int rows = s.integer(key + "rows", 0, Integer.MAX_VALUE);
    int cols = s.integer(key + "cols", 0, Integer.MAX_VALUE);
    CompressorSpec spec =
        new CompressorSpec(kind, kFraction, k, probability, levels, rank, rows, cols, f32);
    try {
      spec.create(dim); // checks the parameters against the dimension
    } catch (IllegalArgumentException e) {
      throw s.error(key + "kind", e.getMessage());
    }
    return spec;
  }

  private static void onlyFor(Settings s, String key, boolean applies, String what)
      throws ScenarioException {
    if (!applies && !s.isDefault(key)) {
      throw s.error(key, "applies only to " + what + "; remove it or change the kind");
    }
  }

  /** EF21-W: {@code 1/(n w_i)} with {@code w_i = L_i / sum_j L_j}. */
  private static double[] ef21wScales(Settings s, String key, Federation fed)
      throws ScenarioException {
    int n = fed.clients();
    Objective objective = fed.objectives().get();
    double[] l = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      l[i] = objective.smoothness(fed.view(i));
      if (!(l[i] > 0)) {
        throw s.error(
            key + "error-feedback",
            "ef21-w needs every client's smoothness L_i > 0; client " + i + " has " + l[i]);
      }
      sum += l[i];
    }
    double[] scales = new double[n];
    for (int i = 0; i < n; i++) {
      scales[i] = sum / (n * l[i]);
    }
    return scales;
  }

  /** EC-Ideal: each client's one-step update at the optimum, {@code -lr grad f_i(x*)}. */
  private static double[][] idealShifts(Settings s, String key, Federation fed, double[] p)
      throws ScenarioException {
    if (s.integer(D + "local.steps", 1, Integer.MAX_VALUE) != 1
        || s.integer(D + "local.steps-max", 0, Integer.MAX_VALUE) > 1) {
      throw s.error(
          key + "error-feedback",
          "ec-ideal needs decentsim.local.steps = 1 (its shift is the one-step update at the"
              + " optimum, -lr grad f_i(x*))");
    }
    Optimum opt = new Optimum(fed.objectives(), fed.train(), fed.partition(), p);
    double[] xStar;
    try {
      xStar = opt.solve(1e-20, 200_000);
    } catch (IllegalStateException e) {
      throw s.error(key + "error-feedback", "ec-ideal needs the optimum x*: " + e.getMessage());
    }
    int d = xStar.length;
    double[][] shifts = new double[fed.clients()][d];
    for (int i = 0; i < fed.clients(); i++) {
      opt.clientGradientInto(i, xStar, shifts[i]);
      for (int j = 0; j < d; j++) {
        shifts[i][j] *= -fed.localLr();
      }
    }
    return shifts;
  }
}
