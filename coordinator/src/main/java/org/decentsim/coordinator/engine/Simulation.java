package org.decentsim.coordinator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.decentsim.coordinator.algorithm.Algorithm;
import org.decentsim.coordinator.algorithm.AlgorithmContext;
import org.decentsim.coordinator.algorithm.ClientUpdate;
import org.decentsim.coordinator.algorithm.GlobalModel;
import org.decentsim.coordinator.metrics.Digest;
import org.decentsim.coordinator.metrics.Evaluator;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.coordinator.system.SystemModel;
import org.decentsim.coordinator.time.EventKind;
import org.decentsim.coordinator.time.EventQueue;
import org.decentsim.node.client.Federation;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;
import org.decentsim.node.vec.Vec;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.Vector;

/**
 * The deterministic virtual-time engine (DESIGN.md §3).
 *
 * <p>When a client is dispatched at virtual time {@code t}, the engine draws the downlink and
 * compute durations from the system model and schedules a COMPUTED event at {@code t + down +
 * compute}; the job goes to the {@link JobExecutor} at once, so all in-flight jobs compute in
 * parallel. Events are processed strictly in {@code (time, seq)} order: when the head is a COMPUTED
 * event whose result has not come back, {@link #run()} returns and waits. A COMPUTED event
 * schedules the update's ARRIVED event after the uplink time of its encoded bytes (the size is only
 * known once the update exists); ARRIVED hands the update to the algorithm. With no uplink time the
 * update is handed over at the COMPUTED event itself.
 *
 * <p>Same inputs, same seed: same events in the same order, hence the same digest, whatever the
 * threads, executor or arrival order of results. Not thread-safe: one thread drives it.
 */
public final class Simulation implements AlgorithmContext {
  private final Federation fed;
  private final Algorithm algorithm;
  private final SystemModel system;
  private final EngineSettings settings;
  private final Streams streams;
  private final RunListener listener;
  private final DoubleSupplier wallSeconds;
  private final Evaluator evaluator;
  private final double[] p;
  private final int[] samplesPerStep;
  private final int concurrency;
  private final long modelBytes;
  private final long updateBytes;

  private final GlobalModel model;
  private final EventQueue queue = new EventQueue();
  // per-client job state: a client has at most one job in flight (it is not idle meanwhile)
  private final long[] jobSeq;
  private final long[] jobVersion;
  private final Vector[] jobSent;
  private final int[] jobSteps;
  private final long[] jobSamples;
  private final Vector[] jobDelta; // the result once handed in, until the update is delivered
  private final String[] jobFault;
  private final boolean[] resultIn;
  private int jobs;
  private final IdlePool idle;
  private final Rng selection;
  private final Rng[] stepRngs;
  private final Digest digest = new Digest();
  private final List<MetricsRow> rows = new ArrayList<>();
  private JobExecutor executor;

  private double now;
  private long events;
  private long updates;
  private long bitsUp;
  private long bitsDown;
  private long faults;
  private long dropped;
  private long stalenessSum;
  private long stalenessCount;
  private long stalenessMax = -1;
  private boolean retryPending;
  private Outcome outcome;

  public Simulation(
      Federation fed,
      double[] clientWeights,
      Algorithm algorithm,
      SystemModel system,
      EngineSettings settings,
      double[] initialModel,
      RunListener listener,
      DoubleSupplier wallSeconds) {
    this.fed = fed;
    this.algorithm = algorithm;
    this.system = system;
    this.settings = settings;
    this.streams = fed.streams();
    this.listener = listener;
    this.wallSeconds = wallSeconds;
    this.p = clientWeights;
    int m = fed.clients();
    this.samplesPerStep = new int[m];
    for (int i = 0; i < m; i++) {
      int n = fed.partition().size(i);
      samplesPerStep[i] = fed.batchSize() == 0 || fed.batchSize() >= n ? n : fed.batchSize();
    }
    this.concurrency = settings.concurrency() <= 0 ? m : Math.min(settings.concurrency(), m);
    this.model = new GlobalModel(initialModel);
    this.modelBytes = VectorCodec.denseFieldBytes(4, initialModel.length);
    this.updateBytes = VectorCodec.denseFieldBytes(3, initialModel.length);
    this.evaluator = new Evaluator(fed, p, settings.gradientNorm());
    this.idle = new IdlePool(m);
    this.selection = streams.stream("selection", 0);
    this.stepRngs = new Rng[m];
    this.jobSeq = new long[m];
    java.util.Arrays.fill(jobSeq, -1);
    this.jobVersion = new long[m];
    this.jobSent = new Vector[m];
    this.jobSteps = new int[m];
    this.jobSamples = new long[m];
    this.jobDelta = new Vector[m];
    this.jobFault = new String[m];
    this.resultIn = new boolean[m];
  }

  /** Schedules the first evaluation and lets the algorithm dispatch its first jobs. */
  public void start(JobExecutor executor) {
    this.executor = executor;
    queue.schedule(0, EventKind.EVALUATE, 0, 0);
    algorithm.start(this);
  }

  /**
   * Hands in the result of job {@code seq} of {@code client} (engine thread only).
   *
   * @throws IllegalStateException if that client has no such job in flight
   */
  public void complete(int client, long seq, Vector delta) {
    accept(client, seq);
    jobDelta[client] = delta;
  }

  /** Reports that job {@code seq} of {@code client} failed (engine thread only). */
  public void fail(int client, long seq, String reason) {
    accept(client, seq);
    jobFault[client] = reason;
  }

  private void accept(int client, long seq) {
    if (client < 0 || client >= jobSeq.length || jobSeq[client] != seq || resultIn[client]) {
      throw new IllegalStateException(
          "no job " + seq + " of client " + client + " awaits a result");
    }
    resultIn[client] = true;
  }

  /** True once the run has ended. */
  public boolean isDone() {
    return outcome != null;
  }

  public Outcome outcome() {
    return outcome;
  }

  /**
   * Processes events in order until the run ends or the head event needs a result that has not come
   * back.
   *
   * @return true when the run has ended
   */
  public boolean run() {
    while (outcome == null) {
      if (queue.isEmpty()) {
        finish(Outcome.Status.EXHAUSTED, "nothing left to simulate: no job in flight, no timer");
        break;
      }
      double t = queue.peekTime();
      EventKind kind = queue.peekKind();
      int target = queue.peekTarget();
      if (kind == EventKind.COMPUTED) {
        if (!resultIn[target]) {
          return false;
        }
        queue.pop();
        now = t;
        events++;
        onComputed(target);
      } else {
        queue.pop();
        now = t;
        switch (kind) {
          case ARRIVED -> {
            events++;
            onArrived(target);
          }
          case TIMER -> {
            events++;
            algorithm.onTimer(target, this);
          }
          case RETRY -> {
            retryPending = false;
            algorithm.onRetry(this);
          }
          case EVALUATE -> onEvaluate();
          default -> throw new AssertionError(kind);
        }
      }
      if (outcome == null && settings.maxEvents() > 0 && events >= settings.maxEvents()) {
        finishWithRow(Outcome.Status.FINISHED, "reached " + settings.maxEvents() + " events");
      }
    }
    return true;
  }

  private void onComputed(int client) {
    resultIn[client] = false;
    String fault = jobFault[client];
    if (fault != null) {
      jobFault[client] = null;
      long version = jobVersion[client];
      release(client);
      faults++;
      algorithm.onFault(client, version, this);
      return;
    }
    Vector delta = jobDelta[client];
    if (delta.dim() != model.x().length) {
      throw new IllegalStateException(
          "client " + client + " returned an update of dimension " + delta.dim());
    }
    bitsUp += 8 * updateBytes;
    double up = system.links().upSeconds(client, updateBytes);
    if (up > 0) {
      queue.schedule(now + up, EventKind.ARRIVED, client, jobSeq[client]);
    } else {
      onArrived(client); // no uplink time: the update arrives as it is computed
    }
  }

  /** Forgets client's job and makes it idle. */
  private void release(int client) {
    jobSeq[client] = -1;
    jobSent[client] = null;
    jobDelta[client] = null;
    jobs--;
    idle.add(client);
  }

  private void onArrived(int client) {
    long versionSent = jobVersion[client];
    ClientUpdate u =
        new ClientUpdate(
            client,
            versionSent,
            jobSent[client],
            jobDelta[client],
            jobSteps[client],
            jobSamples[client],
            model.version() - versionSent);
    release(client);
    long staleness = u.staleness();
    stalenessSum += staleness;
    stalenessCount++;
    stalenessMax = Math.max(stalenessMax, staleness);
    updates++;
    listener.onUpdate(now, client, versionSent, staleness);
    algorithm.onUpdate(u, this);
    if (outcome == null && settings.maxRounds() > 0 && model.version() >= settings.maxRounds()) {
      finishWithRow(Outcome.Status.FINISHED, "reached " + settings.maxRounds() + " rounds");
    }
  }

  private void onEvaluate() {
    boolean last = now >= settings.stopVirtualTime();
    MetricsRow row = record();
    if (outcome != null) {
      return; // diverged or reached the target
    }
    if (last) {
      finish(Outcome.Status.FINISHED, "reached virtual time " + fmt(settings.stopVirtualTime()));
      return;
    }
    double next = Math.min(now + settings.evalInterval(), settings.stopVirtualTime());
    queue.schedule(next, EventKind.EVALUATE, 0, 0);
    assert row != null;
  }

  /** Evaluates, records a row, and ends the run when it diverged or reached the target loss. */
  private MetricsRow record() {
    Evaluator.Evaluation e = evaluator.evaluate(model.x());
    MetricsRow row =
        new MetricsRow(
            now,
            wallSeconds.getAsDouble(),
            events,
            model.version(),
            updates,
            e.trainLoss(),
            e.trainAccuracy(),
            e.gradNormSq(),
            e.testLoss(),
            e.testAccuracy(),
            bitsUp,
            bitsDown,
            stalenessCount == 0 ? Double.NaN : (double) stalenessSum / stalenessCount,
            stalenessMax,
            dropped,
            faults);
    stalenessSum = 0;
    stalenessCount = 0;
    stalenessMax = -1;
    rows.add(row);
    digest.add(row);
    listener.onRow(row);
    double loss = e.trainLoss();
    if (!Double.isFinite(loss) || loss > settings.divergenceBound() || !Vec.isFinite(model.x())) {
      finish(
          Outcome.Status.DIVERGED,
          "diverged at virtual time "
              + fmt(now)
              + " (event "
              + events
              + "): train loss "
              + loss
              + (Double.isFinite(loss) ? " above the bound " + settings.divergenceBound() : ""));
    } else if (!Double.isNaN(settings.targetLoss()) && loss <= settings.targetLoss()) {
      finish(
          Outcome.Status.FINISHED,
          "reached target loss " + settings.targetLoss() + " at virtual time " + fmt(now));
    }
    return row;
  }

  private void finishWithRow(Outcome.Status status, String message) {
    if (rows.isEmpty()
        || rows.get(rows.size() - 1).virtualTime() != now
        || rows.get(rows.size() - 1).events() != events) {
      record();
    }
    if (outcome == null) {
      finish(status, message);
    }
  }

  private void finish(Outcome.Status status, String message) {
    double[] x = model.x().clone();
    outcome = new Outcome(status, message, List.copyOf(rows), x, digest.finish(x), jobs);
  }

  private static String fmt(double t) {
    return String.format(java.util.Locale.ROOT, "%.6g s", t);
  }

  // ---- AlgorithmContext ----

  @Override
  public double now() {
    return now;
  }

  @Override
  public GlobalModel model() {
    return model;
  }

  @Override
  public int clients() {
    return fed.clients();
  }

  @Override
  public double weight(int client) {
    return p[client];
  }

  @Override
  public int samples(int client) {
    return fed.partition().size(client);
  }

  @Override
  public double localLearningRate() {
    return fed.localLr();
  }

  @Override
  public double expectedJobSeconds(int client) {
    double steps = (settings.minLocalSteps() + settings.maxLocalSteps()) / 2.0;
    return system.links().downSeconds(client, modelBytes)
        + system.compute().expectedSeconds(client, steps, steps * samplesPerStep[client])
        + system.links().upSeconds(client, updateBytes);
  }

  @Override
  public boolean isIdle(int client) {
    return idle.contains(client);
  }

  @Override
  public int inFlight() {
    return fed.clients() - idle.size();
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public boolean dispatch(int client) {
    if (!idle.contains(client) || !system.availability().isAvailable(client, now)) {
      return false;
    }
    idle.remove(client);
    launch(client);
    return true;
  }

  @Override
  public int dispatchRandomIdle(int n) {
    int done = 0;
    int untried = idle.size();
    while (done < n && untried > 0) {
      // positions [0, untried) hold the idle clients not yet tried in this call
      int pos = selection.nextInt(untried);
      untried--;
      idle.swap(pos, untried);
      int client = idle.at(untried);
      if (system.availability().isAvailable(client, now)) {
        idle.remove(client); // moves a tried client (or none) into position `untried`
        launch(client);
        done++;
      }
    }
    if (done < n && !retryPending && outcome == null) {
      retryPending = true;
      queue.schedule(now + system.retrySeconds(), EventKind.RETRY, 0, 0);
    }
    return done;
  }

  private void launch(int client) {
    int steps = settings.minLocalSteps();
    if (settings.maxLocalSteps() > steps) {
      Rng r = stepRngs[client];
      if (r == null) {
        r = streams.stream("local-steps", client);
        stepRngs[client] = r;
      }
      steps += r.nextInt(settings.maxLocalSteps() - steps + 1);
    }
    long samples = (long) steps * samplesPerStep[client];
    double duration =
        system.links().downSeconds(client, modelBytes)
            + system.compute().computeSeconds(client, steps, samples);
    long seq = queue.schedule(now + duration, EventKind.COMPUTED, client, 0);
    Vector snapshot = model.snapshot();
    jobSeq[client] = seq;
    jobVersion[client] = model.version();
    jobSent[client] = snapshot;
    jobSteps[client] = steps;
    jobSamples[client] = samples;
    jobs++;
    bitsDown += 8 * modelBytes;
    executor.submit(new Job(client, seq, model.version(), snapshot, steps));
  }

  @Override
  public void scheduleTimer(double at, int id) {
    if (at < now) {
      throw new IllegalArgumentException("timer at " + at + " is in the past (now " + now + ")");
    }
    queue.schedule(at, EventKind.TIMER, id, 0);
  }

  @Override
  public void recordDropped(ClientUpdate u) {
    dropped++;
  }

  @Override
  public Rng stream(String name) {
    return streams.stream("algorithm-" + name, 0);
  }
}
