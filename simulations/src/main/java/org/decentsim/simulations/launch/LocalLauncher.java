package org.decentsim.simulations.launch;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;
import org.decentsim.coordinator.actor.Coordinator;
import org.decentsim.coordinator.engine.DirectExecutor;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.node.client.Federation;
import org.decentsim.node.worker.LocalJobs;
import org.decentsim.node.worker.NodeGuardian;
import org.decentsim.node.worker.WakeUpMailbox;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.simulations.scenario.Scenario;

/** Runs a scenario in this JVM, on actors or on the direct engine. */
public final class LocalLauncher {
  private LocalLauncher() {}

  /** Which engine drives the clients. */
  public enum Engine {
    ACTOR,
    DIRECT;

    /** {@code actor} or {@code direct}. */
    public static Engine parse(String name) {
      return switch (name) {
        case "actor" -> ACTOR;
        case "direct" -> DIRECT;
        default ->
            throw new IllegalArgumentException("expected actor or direct, got '" + name + "'");
      };
    }
  }

  /**
   * Akka settings for a one-JVM run: default dispatcher sized to {@code threads} with throughput
   * 100 (DESIGN.md §3), protobuf serializer only, Java serialization off.
   *
   * @param serializeMessages send every local message through its serializer (tests)
   */
  public static Config akkaConfig(int threads, boolean serializeMessages) {
    return ConfigFactory.parseString(
            "akka.actor.provider = local\n"
                + "akka.actor.allow-java-serialization = off\n"
                + "akka.actor.warn-about-java-serializer-usage = on\n"
                + "akka.actor.serialize-messages = "
                + (serializeMessages ? "on" : "off")
                + "\n"
                + "akka.actor.default-dispatcher.throughput = 100\n"
                + "akka.actor.default-dispatcher.fork-join-executor.parallelism-min = "
                + threads
                + "\n"
                + "akka.actor.default-dispatcher.fork-join-executor.parallelism-max = "
                + threads
                + "\n"
                + "akka.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0\n"
                + "akka.loggers = [\"akka.event.slf4j.Slf4jLogger\"]\n"
                + "akka.logging-filter = \"akka.event.slf4j.Slf4jLoggingFilter\"\n"
                + "akka.loglevel = INFO\n"
                + "akka.log-dead-letters-during-shutdown = off\n"
                + "akka.coordinated-shutdown.exit-jvm = off\n"
                + "akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n")
        .withFallback(ConfigFactory.load());
  }

  /** Runs {@code scenario} and returns its outcome. */
  public static Outcome run(
      Scenario scenario,
      Engine engine,
      int threads,
      boolean serializeMessages,
      RunListener listener,
      DoubleSupplier wallSeconds) {
    return run(scenario.newRun(listener, wallSeconds), engine, threads, serializeMessages);
  }

  /** Runs a prepared (possibly restored) run and returns its outcome. */
  public static Outcome run(
      Scenario.Run run, Engine engine, int threads, boolean serializeMessages) {
    return run(run, engine, threads, serializeMessages, n -> {});
  }

  /**
   * The same; {@code coordinatorJobs} receives, after an actor run, how many jobs the coordinator
   * computed itself ({@link LocalJobs}; 0 in realtime mode, where it computes none).
   */
  public static Outcome run(
      Scenario.Run run,
      Engine engine,
      int threads,
      boolean serializeMessages,
      LongConsumer coordinatorJobs) {
    Simulation sim = run.simulation();
    Federation fed = run.federation();
    if (engine == Engine.DIRECT) {
      return new DirectExecutor(fed).run(sim);
    }
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    int clients = fed.clients();
    int workers = workers(run, threads);
    // the coordinator computes a job it would wait for (LocalJobs), except in realtime mode, where
    // the wall clock sets the pace; jobs and results travel through lanes, except when every
    // message is to go through the serializer
    LocalJobs jobs =
        sim.isRealtime()
            ? null
            : serializeMessages
                ? new LocalJobs(fed, workers)
                : new LocalJobs(
                    fed,
                    workers,
                    LANE_CAPACITY,
                    spinRounds(sim.largestJobWork()),
                    jobsPerBatch(sim.largestJobWork()));
    Behavior<Void> root =
        Behaviors.setup(
            ctx -> {
              ActorRef<CoordinatorProtocol.Command> coordinator =
                  ctx.spawn(
                      Coordinator.create(sim, clients, done::complete, jobs),
                      "coordinator",
                      MailboxSelector.fromConfig(WakeUpMailbox.CONFIG_PATH));
              ctx.spawn(
                  jobs != null
                      ? NodeGuardian.create(jobs, coordinator)
                      : NodeGuardian.create(fed, workers, coordinator),
                  "node");
              return Behaviors.empty();
            });
    ActorSystem<Void> system =
        ActorSystem.create(root, "decentsim", akkaConfig(threads, serializeMessages));
    try {
      Outcome o = done.get();
      coordinatorJobs.accept(jobs == null ? 0 : jobs.takenByCoordinator());
      return o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("run failed", e.getCause());
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // shutting down: nothing more to do
      }
    }
  }

  /**
   * Worker actors per JVM in cluster mode: eight per dispatcher thread. A node does not know the
   * scenario when it starts, and its coordinator computes no job itself, so the job a run waits for
   * can only be started sooner by sitting in a shorter mailbox (see {@link #workersFor(int,
   * long)}).
   */
  static int workersFor(int threads) {
    return Math.max(1, CLUSTER_WORKERS_PER_THREAD * threads);
  }

  private static final int CLUSTER_WORKERS_PER_THREAD = 8;

  /**
   * Slots of each lane between the coordinator and a worker (see {@link LocalJobs}). A lane holds
   * what its taker has not looked at yet; a job or result that finds it full goes as a message.
   */
  static final int LANE_CAPACITY = 1024;

  /**
   * How long the coordinator waits on its thread for the result of a job being computed before it
   * sleeps (see {@link LocalJobs#spinRounds}): 16 rounds of 16 spin-waits (about 5.5 microseconds
   * on the machine of docs/PERFORMANCE.md) for jobs shorter than {@link #SHORT_JOB_WORK}, none for
   * longer ones. Overhead-bound (10 multiply-adds per job), the coordinator was faster with it in
   * 10 of 10 pairs run in turn. A first version bounded by 5 microseconds of wall time was no
   * faster at a million clients (5 of 10 pairs), and for the medium scenario's jobs of 160,000
   * multiply-adds it was slower in 5 of 8.
   */
  static int spinRounds(long jobWork) {
    return jobWork < SHORT_JOB_WORK ? 16 : 0;
  }

  /**
   * How many jobs the coordinator may compute itself between two batches of results it takes (see
   * {@link LocalJobs#jobsPerBatch}): 4 for jobs shorter than {@link #SHORT_JOB_WORK}, 1 otherwise.
   * Overhead-bound with one, the coordinator went to sleep once per 19 to 30 events, more than 99%
   * of the times with the job it waited for not yet taken by its worker; with four it was faster in
   * 11 of 12 pairs run in turn (docs/PERFORMANCE.md), with eight in 8 of 12, and with no limit it
   * computed 97% of the jobs itself. Longer jobs are worth handing to a worker that is free.
   */
  static int jobsPerBatch(long jobWork) {
    return jobWork < SHORT_JOB_WORK ? 4 : 1;
  }

  /** The Worker actors the actor engine hosts {@code run}'s clients on, with {@code threads}. */
  public static int workers(Scenario.Run run, int threads) {
    return workersFor(threads, run.simulation().largestJobWork());
  }

  /** Jobs of fewer multiply-adds than this run on one Worker actor per dispatcher thread. */
  static final long SHORT_JOB_WORK = 10_000;

  /**
   * Worker actors for a one-JVM run whose largest job takes {@code jobWork} multiply-adds: one per
   * dispatcher thread for short jobs, two per thread otherwise (DESIGN.md §5). When a job costs
   * about as much as handing a message to another thread, the hand-offs decide: with one worker per
   * thread a job mostly joins a mailbox that is already being worked through, and no thread has to
   * be woken for it (overhead.conf, 10 multiply-adds per job: 0.53 to 0.59x the direct engine with
   * eight per thread, 0.70 to 0.71x with one; docs/PERFORMANCE.md). Longer jobs were hosted on
   * eight per thread, so that the job the event queue waits for sat behind fewer others; since the
   * coordinator computes that job itself when no worker has started it ({@link
   * org.decentsim.node.worker.LocalJobs}), two per thread did better in pairs run in turn (medium,
   * 160,000 multiply-adds per job: faster in 37 of 50 pairs; compute-bound, 3,200,000: in 28 of
   * 40).
   */
  static int workersFor(int threads, long jobWork) {
    return Math.max(1, (jobWork < SHORT_JOB_WORK ? 1 : 2) * threads);
  }

  /** The default number of dispatcher threads: the machine's cores. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
