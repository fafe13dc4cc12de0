package org.decentsim.simulations.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.time.EventKind;
import org.decentsim.coordinator.time.EventQueue;
import org.decentsim.node.compress.ClientCompressionState;
import org.decentsim.node.compress.Compression;
import org.decentsim.node.compress.CompressorSpec;
import org.decentsim.node.compress.Decoder;
import org.decentsim.node.compress.Encoder;
import org.decentsim.node.compress.ErrorFeedback;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.node.solver.LocalSgd;
import org.decentsim.node.vec.Vec;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hot paths allocate nothing per call after warm-up (STYLE.md §4): measured with the thread's
 * allocated-bytes counter over 10,000 calls; the bound of 1 KiB leaves room for the counter's own
 * noise, while one allocation per call would be at least 160 KB.
 */
class AllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Bytes allocated by {@code calls} calls after as many warm-up calls: the least of three measured
   * windows, so that a one-off allocation while the JIT is still compiling (a deoptimisation, an
   * allocation not yet scalar-replaced) does not count, while an allocation on every call shows in
   * every window.
   */
  private static long allocatedBy(Runnable r, int calls) {
    for (int i = 0; i < calls; i++) {
      r.run(); // warm-up: JIT and lazy initialisation
    }
    long id = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    for (int window = 0; window < 3; window++) {
      long before = THREADS.getThreadAllocatedBytes(id);
      for (int i = 0; i < calls; i++) {
        r.run();
      }
      least = Math.min(least, THREADS.getThreadAllocatedBytes(id) - before);
    }
    return least;
  }

  private static DataSet data(int rows, int dim) {
    Rng r = new Rng(1);
    double[] x = new double[rows * dim];
    double[] y = new double[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = Draws.normal(r);
    }
    for (int i = 0; i < rows; i++) {
      y[i] = r.nextInt(2);
    }
    return DataSet.dense("a", dim, x, y, 2, null);
  }

  @Test
  void gradientAndLocalSgd_allocateNothingPerCall() {
    DataSet d = data(64, 100);
    DataView v = DataView.all(d);
    LogisticRegression f = new LogisticRegression(100, new Regularizer(0.1, 0.1));
    double[] w = new double[100];
    double[] g = new double[100];
    assertThat(allocatedBy(() -> f.lossAndGradientInto(w, v.data(), v.index(), 0, 32, g), 10_000))
        .isLessThan(1024);
    LocalSgd sgd = new LocalSgd(f, 0.1, 8);
    Rng rng = new Rng(2);
    double[] delta = new double[100];
    assertThat(allocatedBy(() -> sgd.trainInto(v, rng, w, 2, delta), 10_000)).isLessThan(1024);
  }

  @Test
  void eventQueueStepAndAggregation_allocateNothingPerCall() {
    EventQueue q = new EventQueue();
    Rng rng = new Rng(3);
    for (int i = 0; i < 1000; i++) {
      q.schedule(rng.nextDouble(), EventKind.COMPUTED, i, 0);
    }
    assertThat(
            allocatedBy(
                () -> {
                  double t = q.peekTime();
                  int target = q.peekTarget();
                  q.pop();
                  q.schedule(t + rng.nextDouble(), EventKind.COMPUTED, target, 0);
                },
                10_000))
        .isLessThan(1024);
    double[] buffer = new double[1000];
    double[] delta = new double[1000];
    assertThat(allocatedBy(() -> Vec.axpy(0.5, delta, buffer), 10_000)).isLessThan(1024);
  }

  @Test
  void compression_encodeDecodeAndFeedback_allocateNothingPerMessage() {
    // every compressor with every error-feedback rule; under one byte per message on average,
    // where a single allocation per message would be at least 16 bytes
    int d = 200;
    int clients = 4;
    Rng r = new Rng(3);
    double[] u = new double[d];
    for (int j = 0; j < d; j++) {
      u[j] = Draws.normal(r);
    }
    double[][] ideal = new double[clients][d];
    double[] scales = {1, 2, 0.5, 1.5};
    for (CompressorSpec.Kind kind : CompressorSpec.Kind.values()) {
      for (ErrorFeedback.Kind fb : ErrorFeedback.Kind.values()) {
        ErrorFeedback feedback = new ErrorFeedback(fb, 0.1, 0.1, scales, ideal);
        Compression c =
            new Compression(
                new CompressorSpec(
                    kind, 0.05, 0, 0.5, 4, 4, 0, 0, kind == CompressorSpec.Kind.TOP_K),
                feedback);
        Encoder enc = new Encoder(c, d);
        Decoder dec = new Decoder(feedback, clients, d);
        ClientCompressionState[] st = new ClientCompressionState[clients];
        for (int i = 0; i < clients; i++) {
          st[i] = new ClientCompressionState(new Rng(i));
        }
        double[] out = new double[d];
        double[] sum = new double[d];
        int[] next = {0};
        Runnable message =
            () -> {
              int i = next[0]++ % clients;
              dec.decode(i, enc.encode(i, u, st[i]), out);
              Vec.axpy(0.25, out, sum);
            };
        int calls = 2_000;
        assertThat(allocatedBy(message, calls)).as("%s + %s", kind, fb).isLessThan(calls);
      }
    }
  }

  /**
   * The whole direct engine after warm-up allocates nothing per event but the model snapshots the
   * algorithm sends (one per server step, shared by the jobs of that version). Between the {@code
   * from}-th and the {@code to}-th update of a second run, in four windows, the allocated bytes
   * less those of the snapshots taken in the window stay under 1 KiB in the least of the windows,
   * where 8 bytes per event would already be 20 KB or more (a one-off allocation while the JIT
   * recompiles may show in one window, an allocation per event shows in all). Update arrays are
   * recycled, compressed clients reuse their payloads, and jobs and updates travel as their parts.
   * Clients' first-use state (error-feedback shifts, payload buffers) is created before the
   * windows: every client has been dispatched many times by then.
   */
  @ParameterizedTest
  @CsvSource({
    "config/bench/overhead.conf, 1, '', 100000, 200000",
    "config/bench/medium.conf, 10, '', 20000, 30000",
    "config/bench/medium.conf, 10, top-k, 20000, 30000",
    "config/bench/medium.conf, 10, qsgd, 20000, 30000",
  })
  void directEngine_afterWarmUp_allocatesOnlyTheModelSnapshots(
      String config, int updatesPerStep, String uplink, int from, int to) throws Exception {
    long thread = Thread.currentThread().getId();
    long least =
        beyondSnapshots(
            LocalLauncher.Engine.DIRECT,
            () -> THREADS.getThreadAllocatedBytes(thread),
            config,
            updatesPerStep,
            uplink,
            from,
            to);
    assertThat(least).as("bytes beyond the snapshots in a window").isLessThan(1024);
  }

  /**
   * The actor engine on two threads, counting what every thread allocates: nothing beyond the
   * snapshots, as for the direct engine (under 1 KiB in the least of the four windows, less what
   * reading the counters of every thread allocates, about 150 bytes a reading). Jobs and results
   * pass through the lanes without a message each, and the messages that wake a sleeping actor go
   * through a {@link org.decentsim.node.worker.Waker} into a mailbox slot. Sent with {@code tell}
   * instead, their envelopes made 61,160 to 106,224 bytes (overhead-bound) and 10,416 to 12,216
   * (medium) in the least window; with a Train and an Update message per job, as before the lanes,
   * it was about 190 bytes per update.
   */
  @ParameterizedTest
  @CsvSource({
    "config/bench/overhead.conf, 1, '', 100000, 200000",
    "config/bench/medium.conf, 10, '', 20000, 30000",
    "config/bench/medium.conf, 10, top-k, 20000, 30000",
  })
  void actorEngine_afterWarmUp_allocatesOnlyTheModelSnapshots(
      String config, int updatesPerStep, String uplink, int from, int to) throws Exception {
    long least =
        beyondSnapshots(
            LocalLauncher.Engine.ACTOR,
            AllocationTest::allThreadsAllocated,
            config,
            updatesPerStep,
            uplink,
            from,
            to);
    assertThat(least).as("bytes beyond the snapshots in a window").isLessThan(1024);
  }

  /** Bytes every live thread has allocated so far. */
  private static long allThreadsAllocated() {
    long sum = 0;
    for (long b : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
      sum += Math.max(0, b); // -1: a thread that ended meanwhile
    }
    return sum;
  }

  /**
   * Runs {@code config} twice on {@code engine} (two threads for the actor engine), reads {@code
   * allocated} at the edges of four windows between the {@code from}-th and {@code to}-th update of
   * the second run, and returns the least of the windows' allocated bytes less the snapshots taken
   * in it (each costed by allocating one) and less what the readings themselves allocate.
   */
  private static long beyondSnapshots(
      LocalLauncher.Engine engine,
      java.util.function.LongSupplier allocated,
      String config,
      int updatesPerStep,
      String uplink,
      int from,
      int to)
      throws Exception {
    List<String> sets = new ArrayList<>();
    sets.add("decentsim.stop.max-events=" + to);
    if (config.contains("medium")) {
      sets.add("decentsim.data.synthetic.features=99"); // d = 100 keeps the run short
    }
    if (!uplink.isEmpty()) {
      sets.add("decentsim.compression.uplink.kind=" + uplink);
      sets.add("decentsim.compression.uplink.error-feedback=ef21");
    }
    Scenario sc = ScenarioBuilder.load(Path.of(config), sets);
    int d = sc.federation().modelDim();
    double[] model = new double[d];
    Vector[] kept = new Vector[1]; // kept, so that the JIT cannot elide the wrapper
    long snapshotBytes = allocatedBy(() -> kept[0] = Vector.copyOf(model), 1_000) / 1_000;
    assertThat(snapshotBytes).isGreaterThanOrEqualTo(8L * d);
    int windows = 4;
    int width = (to - from) / windows;
    long[] at = new long[windows + 1];
    long[] updates = {0};
    long[] reading = {0};
    RunListener marks =
        new RunListener() {
          @Override
          public void onUpdate(double time, int client, long versionSent, long staleness) {
            long n = ++updates[0];
            if (n >= from && (n - from) % width == 0 && (n - from) / width <= windows) {
              long first = allocated.getAsLong();
              // a second reading at once: what one reading allocates itself
              reading[0] = Math.max(reading[0], allocated.getAsLong() - first);
              at[(int) ((n - from) / width)] = first;
            }
          }
        };
    int threads = engine == LocalLauncher.Engine.DIRECT ? 1 : 2;
    // a first run warms the JIT up: until C2 has compiled the dispatch path for this scenario, some
    // short-lived objects are not yet scalar-replaced
    LocalLauncher.run(sc, engine, threads, false, new RunListener() {}, () -> 0);
    LocalLauncher.run(sc, engine, threads, false, marks, () -> 0);
    assertThat(updates[0]).isEqualTo(to);
    long snapshots = width / updatesPerStep;
    long least = Long.MAX_VALUE;
    for (int w = 0; w < windows; w++) {
      // a window holds two readings: the second at its start and the first at its end
      least = Math.min(least, at[w + 1] - at[w] - snapshots * snapshotBytes - 2 * reading[0]);
    }
    return least;
  }
}
