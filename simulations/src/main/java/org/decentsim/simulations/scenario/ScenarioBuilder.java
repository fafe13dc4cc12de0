package org.decentsim.simulations.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.decentsim.coordinator.algorithm.Afa;
import org.decentsim.coordinator.algorithm.Algorithm;
import org.decentsim.coordinator.algorithm.FedAsync;
import org.decentsim.coordinator.algorithm.FedAvg;
import org.decentsim.coordinator.algorithm.FedBuff;
import org.decentsim.coordinator.algorithm.FedFix;
import org.decentsim.coordinator.algorithm.Staleness;
import org.decentsim.coordinator.algorithm.WeightPolicy;
import org.decentsim.coordinator.engine.EngineSettings;
import org.decentsim.coordinator.system.Availability;
import org.decentsim.coordinator.system.ComputeModel;
import org.decentsim.coordinator.system.Distribution;
import org.decentsim.coordinator.system.LinkModel;
import org.decentsim.coordinator.system.Speeds;
import org.decentsim.coordinator.system.SystemModel;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.CsvReader;
import org.decentsim.node.data.DataFormatException;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.IdxReader;
import org.decentsim.node.data.LibsvmReader;
import org.decentsim.node.data.Partition;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.data.Synthetic;
import org.decentsim.node.graph.Topologies;
import org.decentsim.node.objective.LeastSquares;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.objective.Optimum;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.objective.SoftmaxRegression;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Streams;

/**
 * Turns validated {@link Settings} into a runnable {@link Scenario}: loads and splits the data,
 * partitions it, and checks every algorithm and system setting. All problems are {@link
 * ScenarioException}s naming file:line and key.
 */
public final class ScenarioBuilder {
  private static final String D = "decentsim.";

  private ScenarioBuilder() {}

  /** Loads {@code file} with {@code sets} applied and builds it. */
  public static Scenario load(Path file, List<String> sets) throws ScenarioException {
    return build(ScenarioLoader.load(file, sets));
  }

  public static Scenario build(Settings s) throws ScenarioException {
    String name = s.string(D + "name");
    if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw s.error(D + "name", "use letters, digits, '.', '_' and '-' only, got '" + name + "'");
    }
    long seed = s.integer(D + "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    Streams streams = new Streams(seed);

    String dataSeedKey = D + "data.seed";
    Streams dataStreams = streams;
    if (!"seed".equals(s.config().getValue(dataSeedKey).unwrapped())) {
      dataStreams = new Streams(s.integer(dataSeedKey, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    DataSet[] trainTest = loadData(s, dataStreams);
    DataSet train = trainTest[0];
    DataSet test = trainTest[1];
    int clients = s.integer(D + "partition.clients", 1, 10_000_000);
    if (clients > train.rows()) {
      throw s.error(
          D + "partition.clients",
          clients
              + " clients need at least as many training rows; "
              + train.rows()
              + " remain after the test split (lower decentsim.data.test-fraction or the clients)");
    }
    Partition partition = partition(s, train, clients, streams);
    Supplier<Objective> objectives = objective(s, train);
    double lr = s.positive(D + "local.lr");
    int batch = s.integer(D + "local.batch-size", 0, Integer.MAX_VALUE);
    Federation fed = new Federation(train, test, partition, objectives, lr, batch, streams);

    String algorithmKind =
        s.choice(
            D + "algorithm.kind",
            "fedavg",
            "fedasync",
            "fedbuff",
            "fedfix",
            "afa-cd",
            "afa-cs",
            "token",
            "gossip",
            "merge");
    DecentralizedBuilder.checkUnused(s, algorithmKind);
    Topologies.EdgeList topology =
        DecentralizedBuilder.usesGraph(algorithmKind)
            ? DecentralizedBuilder.topology(s, clients, streams)
            : null;

    double[] p = new double[clients];
    String weights = s.choice(D + "algorithm.client-weights", "samples", "uniform", "stationary");
    if (weights.equals("stationary")) {
      p = DecentralizedBuilder.stationaryWeights(s, topology);
    } else {
      for (int i = 0; i < clients; i++) {
        p[i] =
            weights.equals("uniform") ? 1.0 / clients : (double) partition.size(i) / train.rows();
      }
    }
    fed = fed.withUplink(CompressionBuilder.uplink(s, fed, p));
    fed = fed.withDownlink(CompressionBuilder.downlink(s, fed));
    if (!algorithmKind.equals("gossip") && !algorithmKind.equals("merge")) {
      CompressionBuilder.exchange(s, fed.modelDim(), false); // refuses misplaced keys
    }
    if (!algorithmKind.equals("token")) {
      CompressionBuilder.hop(s, fed.modelDim(), false); // refuses misplaced keys
    }
    if (topology != null) {
      String direction =
          fed.uplink() != null ? "uplink" : fed.downlink() != null ? "downlink" : null;
      if (direction != null) {
        throw s.error(
            D + "compression." + direction + ".kind",
            algorithmKind
                + " exchanges models between nodes, not updates with the coordinator, so the "
                + direction
                + " compression does not apply; token hops take decentsim.compression.hop and"
                + " gossip and merge exchanges decentsim.compression.exchange");
      }
    }

    Supplier<Algorithm> algorithms = algorithm(s, clients, fed, algorithmKind, topology);
    algorithms.get(); // validate the settings now, not at the first run
    Supplier<SystemModel> systems = system(s, clients, streams);
    systems.get();
    EngineSettings engine = engine(s);
    String desc =
        String.format(
            java.util.Locale.ROOT,
            "%s: %d train rows%s, %d features, %s; %d clients (%s); model dim %d",
            train.name(),
            train.rows(),
            test == null ? "" : " + " + test.rows() + " test",
            train.dim(),
            train.numClasses() == 0 ? "regression" : train.numClasses() + " classes",
            clients,
            s.string(D + "partition.scheme"),
            fed.modelDim());
    double[] optimum = null;
    if (s.bool(D + "metrics.distance-to-optimum")) {
      try {
        optimum = new Optimum(objectives, train, partition, p).solve(1e-20, 200_000);
      } catch (IllegalStateException e) {
        throw s.error(D + "metrics.distance-to-optimum", e.getMessage());
      }
    }
    return new Scenario(name, seed, s, fed, p, algorithms, systems, engine, desc, optimum);
  }

  // ---------------------------------------------------------------- data

  private static DataSet[] loadData(Settings s, Streams streams) throws ScenarioException {
    String source = s.choice(D + "data.source", "synthetic", "libsvm", "csv", "idx");
    boolean standardize = s.bool(D + "data.standardize");
    boolean intercept = s.bool(D + "data.intercept");
    // synthetic rows are written with their intercept column unless standardisation must see the
    // features first (the split only selects rows, which keeps the column)
    boolean interceptGenerated = intercept && !standardize && source.equals("synthetic");
    DataSet raw;
    if (source.equals("synthetic")) {
      String key = D + "data.synthetic.";
      Synthetic.Kind kind = s.enumValue(key + "kind", Synthetic.Kind.class);
      int samples = s.integer(key + "samples", 1, 100_000_000);
      int features = s.integer(key + "features", 1, 10_000_000);
      int classes = s.integer(key + "classes", 2, 100_000);
      double h = s.numberIn(key + "heterogeneity", 0, 1e6);
      double noise = s.numberIn(key + "noise", 0, 1e6);
      int groups = s.integer(D + "partition.clients", 1, 10_000_000);
      if ((long) samples * features > 500_000_000L) {
        throw s.error(key + "samples", "samples x features is too large for a dense data set");
      }
      raw =
          Synthetic.generate(
              streams,
              kind,
              samples,
              features,
              classes,
              Math.min(groups, samples),
              h,
              noise,
              interceptGenerated);
    } else {
      String pathKey = D + "data.path";
      String pathStr = s.string(pathKey);
      if (pathStr.isBlank()) {
        throw s.error(
            pathKey,
            "required when decentsim.data.source = "
                + source
                + switch (source) {
                  case "libsvm" -> " (e.g. data/heart_scale)";
                  case "csv" -> " (e.g. data/breast_cancer.csv)";
                  default -> " (e.g. data/fashion-mnist/train-images-idx3-ubyte.gz)";
                });
      }
      Path path = Path.of(pathStr);
      if (!Files.exists(path)) {
        throw s.error(pathKey, "file not found: " + pathStr);
      }
      try {
        raw =
            switch (source) {
              case "libsvm" -> {
                String base = s.choice(D + "data.libsvm.index-base", "auto", "0", "1");
                LibsvmReader.IndexBase b =
                    base.equals("auto")
                        ? LibsvmReader.IndexBase.AUTO
                        : base.equals("0")
                            ? LibsvmReader.IndexBase.ZERO
                            : LibsvmReader.IndexBase.ONE;
                yield LibsvmReader.read(
                    path, b, s.integer(D + "data.libsvm.features", 0, Integer.MAX_VALUE));
              }
              case "csv" ->
                  CsvReader.read(
                      path,
                      s.integer(D + "data.csv.label-column", -100_000, 100_000),
                      s.integer(D + "data.csv.skip-rows", 0, Integer.MAX_VALUE));
              default -> {
                String lp = s.string(D + "data.labels-path");
                Path labels = lp.isBlank() ? IdxReader.labelsBeside(path) : Path.of(lp);
                if (!Files.exists(labels)) {
                  throw s.error(
                      D + "data.labels-path",
                      "label file not found: " + labels + " (set decentsim.data.labels-path)");
                }
                yield IdxReader.read(path, labels);
              }
            };
      } catch (DataFormatException e) {
        throw new ScenarioException(
            e.getMessage() + " (" + pathKey + " at " + s.where(pathKey) + ")", e);
      }
    }
    String task = s.choice(D + "data.task", "auto", "classification", "regression");
    boolean classification =
        task.equals("classification")
            || (task.equals("auto") && raw.numClasses() != 0 && raw.hasIntegralLabels());
    try {
      raw = classification ? raw.asClassification() : raw.asRegression();
    } catch (IllegalArgumentException e) {
      throw s.error(D + "data.task", e.getMessage());
    }
    if (classification && raw.numClasses() < 2) {
      throw s.error(D + "data.task", "classification needs at least 2 classes; the data has 1");
    }

    double testFraction = s.numberIn(D + "data.test-fraction", 0, 0.9);
    int testRows = (int) Math.round(testFraction * raw.rows());
    DataSet train = raw;
    DataSet test = null;
    if (testRows > 0) {
      int[] order = new int[raw.rows()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Draws.shuffle(streams.stream("split", 0), order);
      int[] testIdx = java.util.Arrays.copyOfRange(order, 0, testRows);
      int[] trainIdx = java.util.Arrays.copyOfRange(order, testRows, order.length);
      java.util.Arrays.sort(testIdx);
      java.util.Arrays.sort(trainIdx);
      train = raw.select(raw.name(), trainIdx);
      test = raw.select(raw.name() + "-test", testIdx);
    }
    if (standardize) {
      double[][] m = train.featureMoments();
      train = train.standardized(m[0], m[1]);
      test = test == null ? null : test.standardized(m[0], m[1]);
    }
    if (intercept && !interceptGenerated) {
      train = train.withIntercept();
      test = test == null ? null : test.withIntercept();
    }
    return new DataSet[] {train, test};
  }

  private static Partition partition(Settings s, DataSet train, int clients, Streams streams)
      throws ScenarioException {
    String key = D + "partition.scheme";
    String scheme = s.choice(key, "iid", "dirichlet", "shards", "power-law", "natural");
    try {
      return switch (scheme) {
        case "iid" -> Partitioner.iid(train.rows(), clients, streams.stream("partition", 0));
        case "dirichlet" ->
            Partitioner.dirichlet(
                train,
                clients,
                s.positive(D + "partition.dirichlet-alpha"),
                streams.stream("partition", 0));
        case "shards" ->
            Partitioner.shards(
                train,
                clients,
                s.integer(D + "partition.shards-per-client", 1, 1_000_000),
                streams.stream("partition", 0));
        case "power-law" ->
            Partitioner.powerLaw(
                train.rows(),
                clients,
                s.numberIn(D + "partition.power-law-exponent", 0, 100),
                streams.stream("partition", 0));
        default -> Partitioner.natural(train, clients);
      };
    } catch (IllegalArgumentException e) {
      throw s.error(key, e.getMessage());
    }
  }

  private static Supplier<Objective> objective(Settings s, DataSet train) throws ScenarioException {
    String key = D + "objective.kind";
    String kind = s.choice(key, "auto", "logistic", "least-squares", "softmax");
    Regularizer reg =
        new Regularizer(
            s.numberIn(D + "objective.l2", 0, 1e12),
            s.numberIn(D + "objective.nonconvex", 0, 1e12));
    int c = train.numClasses();
    if (kind.equals("auto")) {
      kind = c == 0 ? "least-squares" : c == 2 ? "logistic" : "softmax";
    }
    int dim = train.dim();
    switch (kind) {
      case "logistic" -> {
        if (c != 2) {
          throw s.error(
              key, "logistic needs 2 classes; the data has " + describeClasses(c) + " (use auto)");
        }
        return () -> new LogisticRegression(dim, reg);
      }
      case "softmax" -> {
        if (c < 2) {
          throw s.error(
              key, "softmax needs classification data; the data is " + describeClasses(c));
        }
        return () -> new SoftmaxRegression(dim, c, reg);
      }
      default -> {
        return () -> new LeastSquares(dim, reg);
      }
    }
  }

  private static String describeClasses(int c) {
    return c == 0 ? "regression data" : c + " classes";
  }

  // ---------------------------------------------------------------- algorithm

  /** The algorithm of {@code kind}; {@code g} is the clients' graph of a decentralized one. */
  private static Supplier<Algorithm> algorithm(
      Settings s, int clients, Federation fed, String kind, Topologies.EdgeList g)
      throws ScenarioException {
    String key = D + "algorithm.";
    if (g != null) {
      return switch (kind) {
        case "token" -> DecentralizedBuilder.token(s, g, fed);
        case "gossip" -> DecentralizedBuilder.gossip(s, g, fed.modelDim());
        default -> DecentralizedBuilder.merge(s, g, fed);
      };
    }
    double serverLr = s.positive(key + "server-lr");
    s.integer(key + "concurrency", 0, Integer.MAX_VALUE);
    switch (kind) {
      case "fedavg" -> {
        int m = s.integer(key + "fedavg.clients-per-round", 0, clients);
        return () -> new FedAvg(m, serverLr);
      }
      case "fedasync" -> {
        double alpha = s.numberIn(key + "fedasync.alpha", Double.MIN_VALUE, 1);
        Staleness st = staleness(s, key + "fedasync.staleness.");
        return () -> new FedAsync(alpha, st);
      }
      case "fedbuff" -> {
        String k = key + "fedbuff.";
        int buffer = s.integer(k + "buffer-size", 1, 1_000_000);
        boolean mean = s.choice(k + "reducer", "mean", "sum").equals("mean");
        FedBuff.ExampleWeight ew = s.enumValue(k + "example-weight", FedBuff.ExampleWeight.class);
        WeightPolicy policy = s.enumValue(k + "policy", WeightPolicy.class);
        if (policy == WeightPolicy.WEIGHT && buffer != 1) {
          throw s.error(
              k + "policy",
              "'weight' needs buffer-size = 1 (asynchronous FedAvg); with a larger buffer the"
                  + " participation frequencies are not known in closed form");
        }
        FedBuff.DispatchOn on = s.enumValue(k + "dispatch-on", FedBuff.DispatchOn.class);
        Staleness st = staleness(s, k + "staleness.");
        return () -> new FedBuff(buffer, serverLr, st, ew, mean, policy, on);
      }
      case "fedfix" -> {
        double period = s.positive(key + "fedfix.period");
        WeightPolicy policy = s.enumValue(key + "fedfix.policy", WeightPolicy.class);
        return () -> new FedFix(period, serverLr, policy);
      }
      default -> {
        int m = s.integer(key + "afa.arrivals-per-round", 1, 1_000_000);
        long maxStale = s.integer(key + "afa.max-staleness", 0L, Long.MAX_VALUE);
        Afa.Variant v = kind.equals("afa-cd") ? Afa.Variant.CD : Afa.Variant.CS;
        return () -> new Afa(v, m, serverLr, maxStale);
      }
    }
  }

  private static Staleness staleness(Settings s, String k) throws ScenarioException {
    String kind = s.choice(k + "kind", "constant", "polynomial", "hinge", "threshold");
    return switch (kind) {
      case "constant" -> new Staleness.Constant();
      case "polynomial" -> new Staleness.Polynomial(s.numberIn(k + "a", 0, 100));
      case "hinge" ->
          new Staleness.Hinge(s.numberIn(k + "a", 0, 1e6), s.numberIn(k + "b", 0, 1e12));
      default ->
          new Staleness.Threshold(
              s.integer(k + "cutoff", 0L, Long.MAX_VALUE),
              s.numberIn(k + "value-after-cutoff", 0, 1e6));
    };
  }

  // ---------------------------------------------------------------- system

  private static Supplier<SystemModel> system(Settings s, int clients, Streams streams)
      throws ScenarioException {
    String k = D + "system.";
    ComputeModel.Unit unit = s.enumValue(k + "compute.per", ComputeModel.Unit.class);
    double[] speed = speeds(s, k + "compute.speed.", clients, streams);
    Distribution noise = distribution(s, k + "compute.noise.");
    double latency = s.numberIn(k + "network.latency", 0, 1e9);
    double up = s.numberIn(k + "network.up-bandwidth", 0, 1e18);
    double down = s.numberIn(k + "network.down-bandwidth", 0, 1e18);
    double[][] links = linkTable(s, k + "network.path", clients, latency, up, down);
    String a = k + "availability.";
    String avail = s.choice(a + "kind", "always", "bernoulli", "markov");
    double minP = s.numberIn(a + "min-probability", 0, 1);
    double maxP = s.numberIn(a + "max-probability", 0, 1);
    if (avail.equals("bernoulli") && (maxP < minP || maxP == 0)) {
      throw s.error(a + "max-probability", "must be > 0 and >= min-probability (" + minP + ")");
    }
    double meanOn = s.positive(a + "mean-on");
    double meanOff = s.positive(a + "mean-off");
    double retry = s.positive(a + "retry");
    return () -> {
      Availability av =
          switch (avail) {
            case "always" -> Availability.ALWAYS;
            case "bernoulli" ->
                Availability.bernoulli(
                    clients,
                    minP == maxP
                        ? new Distribution.Constant(minP)
                        : new Distribution.Uniform(minP, maxP),
                    streams);
            default -> Availability.markov(clients, meanOn, meanOff, streams);
          };
      return new SystemModel(
          new ComputeModel(speed, noise, unit, streams),
          new LinkModel(links[0], links[1], links[2]),
          av,
          retry);
    };
  }

  private static Distribution distribution(Settings s, String k) throws ScenarioException {
    String kind =
        s.choice(k + "kind", "constant", "uniform", "exponential", "half-normal", "lognormal");
    return switch (kind) {
      case "constant" -> new Distribution.Constant(s.numberIn(k + "value", 0, 1e12));
      case "uniform" -> {
        double min = s.numberIn(k + "min", 0, 1e12);
        double max = s.numberIn(k + "max", 0, 1e12);
        if (max < min) {
          throw s.error(k + "max", "must be >= min (" + min + ")");
        }
        yield new Distribution.Uniform(min, max);
      }
      case "exponential" -> {
        double min = s.numberIn(k + "min", 0, 1e12);
        double mean = s.numberIn(k + "mean", 0, 1e12);
        if (mean < min) {
          throw s.error(k + "mean", "must be >= min (" + min + ")");
        }
        yield new Distribution.Exponential(min, mean);
      }
      case "half-normal" ->
          new Distribution.HalfNormal(
              s.numberIn(k + "min", 0, 1e12), s.numberIn(k + "sd", 0, 1e12));
      default ->
          new Distribution.LogNormal(
              s.numberIn(k + "mu", -1e3, 1e3), s.numberIn(k + "sigma", 0, 1e3));
    };
  }

  private static double[] speeds(Settings s, String k, int clients, Streams streams)
      throws ScenarioException {
    String kind =
        s.choice(
            k + "kind",
            "constant",
            "uniform",
            "exponential",
            "half-normal",
            "lognormal",
            "stragglers",
            "fraboni",
            "table");
    return switch (kind) {
      case "stragglers" ->
          Speeds.stragglers(
              clients,
              s.numberIn(k + "value", 0, 1e12),
              s.numberIn(k + "fraction", 0, 1),
              s.numberIn(k + "factor", 1, 1e12),
              streams);
      case "fraboni" -> Speeds.fraboni(clients, s.numberIn(k + "x", 0, 99.999));
      case "table" -> speedTable(s, k + "path", clients);
      default -> Speeds.fromDistribution(clients, distribution(s, k), streams);
    };
  }

  /** Reads "client,speed" lines; every client must appear exactly once. */
  private static double[] speedTable(Settings s, String key, int clients) throws ScenarioException {
    String p = s.string(key);
    if (p.isBlank()) {
      throw s.error(key, "required when speed.kind = table");
    }
    ClientTable t = readClientTable(s, key, p, clients, "client,speed", true);
    for (int c = 0; c < clients; c++) {
      if (!t.seen()[c]) {
        throw new ScenarioException(p + ": client " + c + " has no speed (" + key + ")");
      }
    }
    return t.values()[0];
  }

  /**
   * Per-client {latency, up, down}: the uniform values, overridden by "client,latency,up,down"
   * lines of the optional table file.
   */
  private static double[][] linkTable(
      Settings s, String key, int clients, double latency, double up, double down)
      throws ScenarioException {
    String p = s.string(key);
    double[] uniform = {latency, up, down};
    ClientTable t =
        p.isBlank()
            ? new ClientTable(new double[3][clients], new boolean[clients])
            : readClientTable(
                s, key, p, clients, "client,latency,up-bandwidth,down-bandwidth", false);
    for (int c = 0; c < clients; c++) {
      if (!t.seen()[c]) {
        for (int j = 0; j < 3; j++) {
          t.values()[j][c] = uniform[j];
        }
      }
    }
    return t.values();
  }

  /** A per-client table: {@code values[j][client]} for the j-th value column. */
  private record ClientTable(double[][] values, boolean[] seen) {}

  /**
   * Reads a CSV table of lines {@code format} ("client,v1,...") where each client appears at most
   * once; '#' comments and a header line starting with "client" are skipped. Values must be finite
   * and {@code > 0} when {@code positive}, else {@code >= 0}. Errors name the table's file:line.
   */
  private static ClientTable readClientTable(
      Settings s, String key, String p, int clients, String format, boolean positive)
      throws ScenarioException {
    Path path = Path.of(p);
    if (!Files.isRegularFile(path)) {
      throw s.error(key, "file not found: " + p);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw s.error(key, "cannot read " + p + ": " + e.getMessage());
    }
    int k = format.split(",").length - 1;
    double[][] values = new double[k][clients];
    boolean[] seen = new boolean[clients];
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("client")) {
        continue;
      }
      String where = p + ":" + (n + 1) + ": ";
      String[] f = line.split(",");
      try {
        if (f.length != k + 1) {
          throw new NumberFormatException();
        }
        int c = Integer.parseInt(f[0].strip());
        if (c < 0 || c >= clients) {
          throw new ScenarioException(
              where + "client " + c + " outside 0.." + (clients - 1) + " (" + key + ")");
        }
        if (seen[c]) {
          throw new ScenarioException(where + "client " + c + " listed twice (" + key + ")");
        }
        seen[c] = true;
        for (int j = 0; j < k; j++) {
          double v = Double.parseDouble(f[j + 1].strip());
          if (!Double.isFinite(v) || (positive ? !(v > 0) : !(v >= 0))) {
            throw new ScenarioException(
                where
                    + "values must be finite and "
                    + (positive ? "> 0" : ">= 0")
                    + " ("
                    + key
                    + ")");
          }
          values[j][c] = v;
        }
      } catch (NumberFormatException e) {
        throw new ScenarioException(
            where + "expected '" + format + "', got '" + line + "' (" + key + ")");
      }
    }
    return new ClientTable(values, seen);
  }

  // ---------------------------------------------------------------- engine

  private static EngineSettings engine(Settings s) throws ScenarioException {
    String k = D + "stop.";
    double t = s.numberIn(k + "virtual-time", 0, 1e15);
    long maxEvents = s.integer(k + "max-events", 0L, Long.MAX_VALUE);
    long maxRounds = s.integer(k + "max-rounds", 0L, Long.MAX_VALUE);
    long maxBits = s.integer(k + "max-bits", 0L, Long.MAX_VALUE);
    double target = s.numberOrOff(k + "target-loss");
    double bound = s.positive(k + "divergence-bound");
    if (t == 0 && maxEvents == 0 && maxRounds == 0 && maxBits == 0) {
      throw s.error(
          k + "virtual-time",
          "set a stop condition: virtual-time, max-events, max-rounds or max-bits");
    }
    double stopAt = t == 0 ? Double.POSITIVE_INFINITY : t;
    double interval = s.positive(D + "metrics.interval");
    int steps = s.integer(D + "local.steps", 1, 1_000_000);
    int stepsMax = s.integer(D + "local.steps-max", 0, 1_000_000);
    if (stepsMax != 0 && stepsMax < steps) {
      throw s.error(D + "local.steps-max", "must be 0 or >= local.steps (" + steps + ")");
    }
    return new EngineSettings(
        stopAt,
        maxEvents,
        maxRounds,
        target,
        bound,
        interval,
        s.integer(D + "algorithm.concurrency", 0, Integer.MAX_VALUE),
        steps,
        Math.max(steps, stepsMax),
        s.bool(D + "metrics.gradient-norm"),
        maxBits);
  }
}
