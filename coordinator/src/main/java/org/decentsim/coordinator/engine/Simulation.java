package org.decentsim.coordinator.engine;

import java.util.ArrayDeque;
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
import org.decentsim.node.client.UpdateBuffers;
import org.decentsim.node.compress.ClientCompressionState;
import org.decentsim.node.compress.Decoder;
import org.decentsim.node.compress.Encoder;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.random.Streams;
import org.decentsim.node.vec.Vec;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.Payload;
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
  // rows each client reads per local step; null when every client reads the same number, which
  // the scalar then holds (at a million clients the array is a cache miss per dispatch)
  private final int[] samplesPerStep;
  private final int sameSamplesPerStep;
  private final int concurrency;
  private final long modelBytes;
  private final long updateBytes;

  private final GlobalModel model;
  private final EventQueue queue = new EventQueue();
  // per-client job state: a client has at most one job in flight (it is not idle meanwhile)
  private final JobTable jobTable;
  private final ClientUpdate delivered = new ClientUpdate(-1, 0, null, null, 0, 0, 0, -1);
  private final Decoder uplink; // null when the uplink is not compressed
  private final double[] decoded;
  private final Encoder downlink; // null when the downlink is not compressed
  private final ClientCompressionState[] downStates;
  private int jobs;
  private final IdlePool idle;
  private final Rng selection;
  private final RngTable stepRngs;
  private final Rng stepCursor = new Rng(0);
  private Digest digest = new Digest();
  private final List<MetricsRow> rows = new ArrayList<>();
  private JobExecutor executor;
  private int awaitingResults; // jobs dispatched whose result has not been handed in
  private boolean restored;
  private double checkpointEvery = Double.POSITIVE_INFINITY;
  private double nextCheckpoint = Double.POSITIVE_INFINITY;
  private CheckpointSink checkpointSink;
  private boolean checkpointDue;
  private volatile boolean stopRequested;
  // realtime mode: wall seconds per virtual second (0: virtual time, the deterministic default)
  private double realtimeScale;
  private double wallAtStart;
  private final ArrayDeque<Integer> arrivedLate = new ArrayDeque<>();

  /** Receives checkpoints: the engine state at a consistent point, virtual time {@code time}. */
  public interface CheckpointSink {
    void write(byte[] state, double time);
  }

  private double now;
  private long events;
  private long updates;
  private long bitsUp;
  private long bitsDown;
  private long faults;
  private long gradientEvaluations;
  private long transfers;
  private String firstFault;
  private final List<String> faultEvents = new ArrayList<>();
  private final boolean[] resetPending;
  private final UpdateBuffers updateBuffers;
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
    int[] perStep = new int[m];
    boolean same = true;
    for (int i = 0; i < m; i++) {
      int n = fed.partition().size(i);
      perStep[i] = fed.batchSize() == 0 || fed.batchSize() >= n ? n : fed.batchSize();
      same &= perStep[i] == perStep[0];
    }
    this.samplesPerStep = same ? null : perStep;
    this.sameSamplesPerStep = same && m > 0 ? perStep[0] : 0;
    this.concurrency = settings.concurrency() <= 0 ? m : Math.min(settings.concurrency(), m);
    this.model = new GlobalModel(initialModel);
    this.modelBytes = VectorCodec.denseFieldBytes(4, initialModel.length);
    this.updateBytes = VectorCodec.denseFieldBytes(3, initialModel.length);
    this.evaluator = new Evaluator(fed, p, settings.gradientNorm());
    this.selection = streams.stream("selection", 0);
    this.stepRngs = new RngTable(streams, "local-steps", m);
    this.jobTable = new JobTable(m);
    jobTable.hostComputeStreams(system.compute());
    this.idle = new IdlePool(jobTable);
    int d = initialModel.length;
    this.uplink = fed.uplink() == null ? null : new Decoder(fed.uplink().feedback(), m, d);
    this.decoded = uplink == null ? null : new double[d];
    this.downlink = fed.downlink() == null ? null : new Encoder(fed.downlink(), d);
    this.downStates = downlink == null ? null : new ClientCompressionState[m];
    this.resetPending = uplink == null ? null : new boolean[m];
    this.updateBuffers = fed.clientStates().updateBuffers(d);
  }

  /**
   * Switches to realtime mode (DESIGN.md §3): an event is due when the wall clock reaches its
   * virtual time times {@code wallSecondsPerVirtualSecond}, counted from {@link #start}; a job
   * whose result is late is completed when the result arrives, in arrival order, without holding
   * back the events after it. Results then depend on timing: runs are not reproducible.
   */
  public void setRealtime(double wallSecondsPerVirtualSecond) {
    if (!(wallSecondsPerVirtualSecond > 0) || Double.isInfinite(wallSecondsPerVirtualSecond)) {
      throw new IllegalArgumentException("realtime scale " + wallSecondsPerVirtualSecond);
    }
    if (restored) {
      throw new IllegalStateException("a restored run continues in virtual time");
    }
    this.realtimeScale = wallSecondsPerVirtualSecond;
  }

  /** True in realtime mode. */
  public boolean isRealtime() {
    return realtimeScale > 0;
  }

  /**
   * Realtime mode: wall seconds until the next event is due (0 when one is due now, infinity when
   * none is scheduled); the engine calls {@link #run} again then, or when a result arrives.
   */
  public double wallSecondsToNextEvent() {
    if (queue.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, (queue.peekTime() - wallVirtualTime()) * realtimeScale);
  }

  private double wallVirtualTime() {
    return (wallSeconds.getAsDouble() - wallAtStart) / realtimeScale;
  }

  /**
   * Schedules the first evaluation and lets the algorithm dispatch its first jobs; after {@link
   * #restoreState} it only attaches the executor (the restored queue already holds everything).
   */
  public void start(JobExecutor executor) {
    this.executor = executor;
    this.wallAtStart = wallSeconds.getAsDouble();
    if (restored) {
      return;
    }
    queue.schedule(0, EventKind.EVALUATE, 0, 0);
    algorithm.start(this);
  }

  /**
   * Hands in the result of job {@code seq} of {@code client} (engine thread only).
   *
   * @throws IllegalStateException if that client has no such job in flight
   */
  public void complete(int client, long seq, double[] delta) {
    accept(client, seq);
    jobTable.setDelta(client, delta);
  }

  /**
   * Hands in the compressed result of job {@code seq} of {@code client} (engine thread only). The
   * payload must stay unchanged until the update has been delivered.
   */
  public void complete(int client, long seq, Payload payload) {
    if (uplink == null) {
      throw new IllegalStateException("client " + client + " sent a payload, but no compression");
    }
    accept(client, seq);
    jobTable.setPayload(client, payload);
  }

  /**
   * Lets the executor keep a handle of its own on the job of {@code client} in flight, for example
   * the model or compressed model it carries (engine thread only; only while {@link
   * JobExecutor#submit} runs or later, until the job's update is delivered).
   */
  public void setJobHandle(int client, Object handle) {
    jobTable.setHandle(client, handle);
  }

  /**
   * The client whose job's result the head event needs, or -1 when the head event needs no result
   * that is still out. After {@link #run} returned false, this is the job the run waits for.
   */
  public int awaitedClient() {
    if (queue.isEmpty() || queue.peekKind() != EventKind.COMPUTED) {
      return -1;
    }
    int c = queue.peekTarget();
    return jobTable.resultIn(c) ? -1 : c;
  }

  /** The event number of the COMPUTED event of {@code client}'s job in flight, or -1. */
  public long jobSeq(int client) {
    return jobTable.seq(client);
  }

  /** The local steps of {@code client}'s job in flight. */
  public int jobLocalSteps(int client) {
    return jobTable.steps(client);
  }

  /** The handle ({@link #setJobHandle}) of {@code client}'s job in flight, or null. */
  public Object jobHandle(int client) {
    return jobTable.handle(client);
  }

  /** Reports that job {@code seq} of {@code client} failed (engine thread only). */
  public void fail(int client, long seq, String reason) {
    accept(client, seq);
    jobTable.setFault(client, reason);
  }

  private void accept(int client, long seq) {
    if (client < 0
        || client >= jobTable.clients()
        || jobTable.seq(client) != seq
        || jobTable.resultIn(client)) {
      throw new IllegalStateException(
          "no job " + seq + " of client " + client + " awaits a result");
    }
    jobTable.setResultIn(client, true);
    awaitingResults--;
    if (jobTable.waitingLate(client)) {
      jobTable.setWaitingLate(client, false);
      arrivedLate.add(client);
    }
  }

  /**
   * Records a fault that is not one failed job, for example a lost cluster node: it is counted in
   * the {@code faults} column and listed in the outcome's fault events.
   */
  public void recordFault(String description) {
    faults++;
    String event = "virtual time " + fmt(now) + ": " + description;
    faultEvents.add(event);
    if (firstFault == null) {
      firstFault = event;
    }
  }

  /**
   * Forgets the state this side shares with client {@code client}, because the client is being
   * re-created with fresh state elsewhere (a fresh batch stream and compression state): its uplink
   * decoder's mirror (when the error feedback keeps one) and its downlink encoder state. A result
   * the old client already handed in is still decoded with the old mirror; the reset applies when
   * that job is released.
   *
   * @return what the client loses, on both sides, for the fault event
   */
  public List<String> resetClient(int client) {
    List<String> what = new ArrayList<>();
    what.add("batch stream");
    if (fed.uplink() != null) {
      what.add("uplink compression (" + fed.uplink().feedback().kind().scenarioName() + ") state");
      if (uplink.keepsMirrors()) {
        boolean resultInHand =
            jobTable.seq(client) != -1
                && (jobTable.payload(client) != null
                    || jobTable.delta(client) != null
                    || jobTable.fault(client) != null);
        if (resultInHand) {
          resetPending[client] = true;
        } else {
          uplink.reset(client);
        }
      }
    }
    if (downStates != null) {
      what.add(
          "downlink compression (" + fed.downlink().feedback().kind().scenarioName() + ") state");
      downStates[client] = null;
    }
    return what;
  }

  /**
   * The model client {@code client} trains from in its job in flight (the snapshot sent, or what it
   * decodes from a compressed downlink message), or null when it has none.
   */
  public Vector trainingModel(int client) {
    return jobTable.sent(client);
  }

  /**
   * Ends the run now with status {@link Outcome.Status#FAILED}, recording a last metrics row first.
   */
  public void abort(String message) {
    if (outcome == null) {
      finishWithRow(Outcome.Status.FAILED, message);
    }
  }

  /**
   * Writes a checkpoint to {@code sink} at the first evaluation point at or after every multiple of
   * {@code everyVirtualSeconds}, once every job in flight has handed in its result (so the clients'
   * state is settled). Infinity disables periodic checkpoints; {@link #requestStop} still writes
   * one.
   */
  public void enableCheckpoints(double everyVirtualSeconds, CheckpointSink sink) {
    this.checkpointEvery = everyVirtualSeconds;
    this.checkpointSink = sink;
    this.nextCheckpoint = restored ? nextCheckpoint : everyVirtualSeconds;
    if (!(nextCheckpoint > now)) {
      nextCheckpoint = now + everyVirtualSeconds;
    }
  }

  /**
   * Asks the run to stop at the next consistent point, writing a checkpoint first when a sink is
   * set (without one it stops at the next call of {@link #run}, abandoning the jobs in flight); the
   * outcome is then {@link Outcome.Status#INTERRUPTED}. Safe to call from any thread.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** True once {@link #requestStop} was called. */
  public boolean isStopRequested() {
    return stopRequested;
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
    if (realtimeScale > 0) {
      return runRealtime();
    }
    while (outcome == null) {
      if (stopRequested || checkpointDue) {
        if (awaitingResults > 0 && (checkpointSink != null || !stopRequested)) {
          return false; // the results are on their way; settle before saving
        }
        if (checkpointSink != null) {
          StateWriter w = new StateWriter();
          saveState(w);
          checkpointSink.write(w.toByteArray(), now);
        }
        checkpointDue = false;
        if (stopRequested) {
          finishWithRow(
              Outcome.Status.INTERRUPTED,
              "interrupted at virtual time "
                  + fmt(now)
                  + (checkpointSink != null ? "; resume from the checkpoint" : ""));
          break;
        }
      }
      if (queue.isEmpty()) {
        finish(Outcome.Status.EXHAUSTED, "nothing left to simulate: no job in flight, no timer");
        break;
      }
      double t = queue.peekTime();
      EventKind kind = queue.peekKind();
      int target = queue.peekTarget();
      if (kind == EventKind.COMPUTED) {
        if (!jobTable.resultIn(target)) {
          return false;
        }
        queue.pop();
        now = t;
        events++;
        onComputed(target);
      } else {
        queue.pop();
        now = t;
        onScheduled(kind, target);
      }
      checkLimits();
    }
    return true;
  }

  /** Handles a popped event of any kind but COMPUTED, whose handling differs between modes. */
  private void onScheduled(EventKind kind, int target) {
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

  private void checkLimits() {
    if (outcome == null && settings.maxEvents() > 0 && events >= settings.maxEvents()) {
      finishWithRow(Outcome.Status.FINISHED, "reached " + settings.maxEvents() + " events");
    }
    if (outcome == null && settings.maxBits() > 0 && bitsUp + bitsDown >= settings.maxBits()) {
      finishWithRow(
          Outcome.Status.FINISHED, "reached " + settings.maxBits() + " bits in both directions");
    }
  }

  /** {@link #run} in realtime mode: events as they fall due, late results as they arrive. */
  private boolean runRealtime() {
    while (outcome == null) {
      if (stopRequested) {
        finishWithRow(
            Outcome.Status.INTERRUPTED, "interrupted at virtual time " + fmt(now) + " (realtime)");
        break;
      }
      Integer late = arrivedLate.poll();
      if (late != null) {
        now = Math.max(now, wallVirtualTime());
        events++;
        onComputed(late);
        checkLimits();
        continue;
      }
      if (queue.isEmpty()) {
        if (awaitingResults > 0) {
          return false; // late results are on their way
        }
        finish(Outcome.Status.EXHAUSTED, "nothing left to simulate: no job in flight, no timer");
        break;
      }
      double t = queue.peekTime();
      if (t > wallVirtualTime()) {
        return false; // not due yet
      }
      EventKind kind = queue.peekKind();
      int target = queue.peekTarget();
      queue.pop();
      now = Math.max(now, t);
      if (kind == EventKind.COMPUTED) {
        if (!jobTable.resultIn(target)) {
          jobTable.setWaitingLate(target, true); // completed when its result arrives
          continue;
        }
        events++;
        onComputed(target);
      } else {
        onScheduled(kind, target);
      }
      checkLimits();
    }
    return true;
  }

  private void onComputed(int client) {
    jobTable.setResultIn(client, false);
    String fault = jobTable.fault(client);
    if (fault != null) {
      jobTable.setFault(client, null);
      if (firstFault == null) {
        firstFault = "client " + client + " at virtual time " + fmt(now) + ": " + fault;
      }
      long version = jobTable.version(client);
      release(client);
      faults++;
      algorithm.onFault(client, version, this);
      return;
    }
    long bytes;
    Payload payload = jobTable.payload(client);
    if (payload != null) {
      bytes = payload.encodedBytes();
    } else {
      double[] delta = jobTable.delta(client);
      if (delta == null) {
        throw new IllegalStateException(
            "client " + client + " sent an uncompressed update, but the uplink is compressed");
      }
      if (delta.length != model.x().length) {
        throw new IllegalStateException(
            "client " + client + " returned an update of dimension " + delta.length);
      }
      bytes = updateBytes;
    }
    gradientEvaluations += jobTable.steps(client);
    if (jobTable.tag(client) >= 0) {
      onArrived(client); // a carried job stays at the client: no uplink
      return;
    }
    bitsUp += 8 * bytes;
    transfers++;
    double up = system.links().upSeconds(client, bytes);
    if (up > 0) {
      queue.schedule(now + up, EventKind.ARRIVED, client, jobTable.seq(client));
    } else {
      onArrived(client); // no uplink time: the update arrives as it is computed
    }
  }

  /** Forgets client's job and makes it idle. */
  private void release(int client) {
    if (resetPending != null && resetPending[client]) {
      resetPending[client] = false;
      uplink.reset(client);
    }
    jobTable.close(client);
    jobs--;
    idle.add(client);
  }

  private void onArrived(int client) {
    long versionSent = jobTable.version(client);
    double[] delta = jobTable.delta(client);
    if (jobTable.payload(client) != null) {
      uplink.decode(client, jobTable.payload(client), decoded);
      delta = decoded;
    }
    ClientUpdate u =
        delivered.set(
            client,
            versionSent,
            jobTable.sent(client),
            delta,
            jobTable.steps(client),
            jobTable.samples(client),
            model.version() - versionSent,
            jobTable.tag(client));
    release(client);
    long staleness = u.staleness();
    stalenessSum += staleness;
    stalenessCount++;
    stalenessMax = Math.max(stalenessMax, staleness);
    updates++;
    listener.onUpdate(now, client, versionSent, staleness);
    algorithm.onUpdate(u, this);
    // the reused update must not keep the snapshot or the update buffer alive until the next one
    u.set(-1, 0, null, null, 0, 0, 0, -1);
    if (delta != decoded) {
      updateBuffers.give(client, delta); // algorithms do not keep updates
    }
    if (outcome == null && settings.maxRounds() > 0 && model.version() >= settings.maxRounds()) {
      finishWithRow(Outcome.Status.FINISHED, "reached " + settings.maxRounds() + " rounds");
    }
  }

  private void onEvaluate() {
    boolean last = now >= settings.stopVirtualTime();
    record();
    if (outcome != null) {
      return; // diverged or reached the target
    }
    if (last) {
      finish(Outcome.Status.FINISHED, "reached virtual time " + fmt(settings.stopVirtualTime()));
      return;
    }
    double next = Math.min(now + settings.evalInterval(), settings.stopVirtualTime());
    queue.schedule(next, EventKind.EVALUATE, 0, 0);
    if (now >= nextCheckpoint) {
      checkpointDue = true;
      while (nextCheckpoint <= now) {
        nextCheckpoint += checkpointEvery;
      }
    }
  }

  /** Evaluates, records a row, and ends the run when it diverged or reached the target loss. */
  private void record() {
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
            faults,
            gradientEvaluations,
            transfers,
            Double.isNaN(algorithm.targetErrorSq()) ? e.distanceSq() : algorithm.targetErrorSq(),
            algorithm.totalVariation());
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
    outcome =
        new Outcome(
            status,
            message,
            List.copyOf(rows),
            x,
            digest.finish(x),
            jobs,
            firstFault,
            List.copyOf(faultEvents));
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
        + system.compute().expectedSeconds(client, steps, steps * samplesPerStep(client))
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
  public double downSeconds(int client, long bytes) {
    return system.links().downSeconds(client, bytes);
  }

  @Override
  public boolean dispatchCarrying(
      int client,
      double[] carried,
      int tag,
      long bytes,
      int messages,
      int localSteps,
      double transferSeconds) {
    if (tag < 0) {
      throw new IllegalArgumentException("tag must be >= 0, got " + tag);
    }
    if (!idle.contains(client)) {
      return false;
    }
    if (!system.availability().isAvailable(client, now)) {
      scheduleRetry();
      return false;
    }
    idle.remove(client);
    int steps = localSteps >= 0 ? localSteps : localSteps(client);
    long samples = (long) steps * samplesPerStep(client);
    double transfer =
        Double.isNaN(transferSeconds) ? system.links().downSeconds(client, bytes) : transferSeconds;
    if (!(transfer >= 0)) {
      throw new IllegalArgumentException("transfer time " + transfer + " s");
    }
    double duration = transfer + system.compute().computeSeconds(client, steps, samples);
    Vector snapshot = Vector.copyOf(carried);
    bitsDown += 8 * bytes;
    transfers += messages;
    double due = now + duration;
    start(client, due, snapshot, steps, samples, tag);
    executor.submit(client, jobTable.seq(client), model.version(), due, snapshot, null, steps);
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
    if (done < n) {
      scheduleRetry();
    }
    return done;
  }

  private void scheduleRetry() {
    if (!retryPending && outcome == null) {
      retryPending = true;
      queue.schedule(now + system.retrySeconds(), EventKind.RETRY, 0, 0);
    }
  }

  private int localSteps(int client) {
    int steps = settings.minLocalSteps();
    if (settings.maxLocalSteps() > steps) {
      steps += stepRngs.load(client, stepCursor).nextInt(settings.maxLocalSteps() - steps + 1);
      stepRngs.store(client, stepCursor);
    }
    return steps;
  }

  private int samplesPerStep(int client) {
    return samplesPerStep == null ? sameSamplesPerStep : samplesPerStep[client];
  }

  /**
   * The multiply-adds of the largest job's local steps, estimated as local steps times rows per
   * step times the model's dimension (the dense cost; sparse rows cost less). Engines size their
   * worker pools by it.
   */
  public long largestJobWork() {
    long rows = sameSamplesPerStep;
    if (samplesPerStep != null) {
      for (int r : samplesPerStep) {
        rows = Math.max(rows, r);
      }
    }
    return (long) settings.maxLocalSteps() * rows * model.x().length;
  }

  /** Books a job of {@code client} that computes until {@code until}. */
  private void start(int client, double until, Vector sent, int steps, long samples, int tag) {
    long seq = queue.schedule(until, EventKind.COMPUTED, client, 0);
    jobTable.open(client, seq);
    jobTable.setVersion(client, model.version());
    jobTable.setSent(client, sent);
    jobTable.setSteps(client, steps);
    jobTable.setSamples(client, samples);
    jobTable.setTag(client, tag);
    jobs++;
    awaitingResults++;
  }

  private void launch(int client) {
    int steps = localSteps(client);
    long samples = (long) steps * samplesPerStep(client);
    Vector snapshot;
    Payload message = null;
    long bytes = modelBytes;
    if (downlink == null) {
      snapshot = model.snapshot();
    } else {
      ClientCompressionState st = downStates[client];
      if (st == null) {
        st = downStates[client] = downState(client);
      }
      message = downlink.encode(client, model.x(), st);
      bytes = message.encodedBytes();
      snapshot = clientModel(st, message);
    }
    double duration =
        system.links().downSeconds(client, bytes)
            + system.compute().computeSeconds(client, steps, samples);
    double due = now + duration;
    start(client, due, snapshot, steps, samples, -1);
    bitsDown += 8 * bytes;
    transfers++;
    Vector plain = message == null ? snapshot : null;
    executor.submit(client, jobTable.seq(client), model.version(), due, plain, message, steps);
  }

  private ClientCompressionState downState(int client) {
    return new ClientCompressionState(streams.stream("compressor-down", client));
  }

  /**
   * The model a client trains from after decoding {@code message}: its EF21-P mirror (the shift
   * both sides keep), or the decoded message itself without feedback.
   */
  private Vector clientModel(ClientCompressionState st, Payload message) {
    if (st.shift() != null) {
      return Vector.copyOf(st.shift());
    }
    double[] w = new double[message.dim()];
    message.decodeInto(w);
    return Vector.wrap(w);
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

  // ---- checkpoints ----

  /** Writes the whole run state (engine, system model, algorithm, clients); no job may await. */
  public void saveState(StateWriter w) {
    if (awaitingResults > 0) {
      throw new IllegalStateException(awaitingResults + " jobs still await their result");
    }
    int m = jobTable.clients();
    w.writeInt(m).writeInt(model.x().length);
    w.writeDouble(now).writeLong(events).writeLong(updates).writeLong(bitsUp).writeLong(bitsDown);
    w.writeLong(faults).writeNullableString(firstFault);
    w.writeLong(gradientEvaluations).writeLong(transfers);
    w.writeLong(dropped).writeLong(stalenessSum).writeLong(stalenessCount);
    w.writeLong(stalenessMax).writeBool(retryPending).writeInt(jobs);
    w.writeDouble(nextCheckpoint);
    w.writeDoubles(model.x()).writeLong(model.version());
    queue.saveState(w);
    idle.saveState(w);
    for (int c = 0; c < m; c++) {
      w.writeLong(jobTable.seq(c));
      if (jobTable.seq(c) >= 0) {
        w.writeLong(jobTable.version(c)).writeInt(jobTable.steps(c)).writeLong(jobTable.samples(c));
        w.writeInt(jobTable.tag(c));
        w.writeVector(jobTable.sent(c))
            .writeNullableDoubles(jobTable.delta(c))
            .writePayload(jobTable.payload(c));
        w.writeNullableString(jobTable.fault(c));
        w.writeBool(jobTable.resultIn(c));
      }
    }
    w.writeLong(selection.state());
    stepRngs.save(w);
    w.writeInt(rows.size());
    for (MetricsRow r : rows) {
      w.writeDouble(r.virtualTime()).writeDouble(r.wallSeconds()).writeLong(r.events());
      w.writeLong(r.rounds()).writeLong(r.updates()).writeDouble(r.trainLoss());
      w.writeDouble(r.trainAccuracy()).writeDouble(r.gradNormSq()).writeDouble(r.testLoss());
      w.writeDouble(r.testAccuracy()).writeLong(r.bitsUp()).writeLong(r.bitsDown());
      w.writeDouble(r.stalenessMean()).writeLong(r.stalenessMax()).writeLong(r.dropped());
      w.writeLong(r.faults()).writeLong(r.gradientEvaluations()).writeLong(r.transfers());
      w.writeDouble(r.distanceSq()).writeDouble(r.totalVariation());
    }
    system.compute().saveState(w);
    system.availability().saveState(w);
    algorithm.saveState(w);
    fed.clientStates().saveState(w);
    if (uplink != null) {
      uplink.saveState(w);
    }
    if (downlink != null) {
      for (ClientCompressionState st : downStates) {
        w.writeBool(st != null);
        if (st != null) {
          st.save(w);
        }
      }
    }
  }

  /**
   * Restores a state written by {@link #saveState} into this freshly built simulation of the same
   * scenario; then {@link #start} attaches the executor and {@link #run} continues.
   */
  public void restoreState(StateReader r) {
    int m = r.readInt();
    int d = r.readInt();
    if (m != jobTable.clients() || d != model.x().length) {
      throw new IllegalStateException(
          "checkpoint is for "
              + m
              + " clients and dimension "
              + d
              + ", this scenario has "
              + jobTable.clients()
              + " and "
              + model.x().length);
    }
    now = r.readDouble();
    events = r.readLong();
    updates = r.readLong();
    bitsUp = r.readLong();
    bitsDown = r.readLong();
    faults = r.readLong();
    firstFault = r.readNullableString();
    gradientEvaluations = r.readLong();
    transfers = r.readLong();
    dropped = r.readLong();
    stalenessSum = r.readLong();
    stalenessCount = r.readLong();
    stalenessMax = r.readLong();
    retryPending = r.readBool();
    jobs = r.readInt();
    nextCheckpoint = r.readDouble();
    double[] x = r.readDoubles();
    model.restore(x, r.readLong());
    queue.restoreState(r);
    idle.restoreState(r);
    for (int c = 0; c < m; c++) {
      if (jobTable.seq(c) != -1) {
        jobTable.close(c);
      }
      long seq = r.readLong();
      if (seq >= 0) {
        jobTable.open(c, seq);
        jobTable.setVersion(c, r.readLong());
        jobTable.setSteps(c, r.readInt());
        jobTable.setSamples(c, r.readLong());
        jobTable.setTag(c, r.readInt());
        jobTable.setSent(c, r.readVector());
        jobTable.setDelta(c, r.readNullableDoubles());
        jobTable.setPayload(c, r.readPayload());
        jobTable.setFault(c, r.readNullableString());
        jobTable.setResultIn(c, r.readBool());
      }
    }
    selection.setState(r.readLong());
    stepRngs.restore(r);
    int n = r.readInt();
    rows.clear();
    digest = new Digest();
    for (int k = 0; k < n; k++) {
      MetricsRow row =
          new MetricsRow(
              r.readDouble(),
              r.readDouble(),
              r.readLong(),
              r.readLong(),
              r.readLong(),
              r.readDouble(),
              r.readDouble(),
              r.readDouble(),
              r.readDouble(),
              r.readDouble(),
              r.readLong(),
              r.readLong(),
              r.readDouble(),
              r.readLong(),
              r.readLong(),
              r.readLong(),
              r.readLong(),
              r.readLong(),
              r.readDouble(),
              r.readDouble());
      rows.add(row);
      digest.add(row);
    }
    system.compute().restoreState(r);
    system.availability().restoreState(r);
    algorithm.restoreState(r);
    fed.clientStates().restoreState(r);
    if (uplink != null) {
      uplink.restoreState(r);
    }
    if (downlink != null) {
      for (int c = 0; c < m; c++) {
        downStates[c] = null;
        if (r.readBool()) {
          downStates[c] = downState(c);
          downStates[c].restore(r);
        }
      }
    }
    if (!r.isAtEnd()) {
      throw new IllegalStateException("checkpoint has trailing data: written by another version?");
    }
    awaitingResults = 0;
    restored = true;
  }

  /** Records {@code ||x - optimum||^2} in every metrics row (column distance_sq). */
  public void setOptimum(double[] optimum) {
    evaluator.setOptimum(optimum);
  }

  /** The metric rows recorded so far (for a resumed run's metrics.csv). */
  public List<MetricsRow> rows() {
    return List.copyOf(rows);
  }
}
