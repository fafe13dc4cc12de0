package org.decentsim.coordinator.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.decentsim.coordinator.algorithm.FedBuff;
import org.decentsim.coordinator.algorithm.Staleness;
import org.decentsim.coordinator.algorithm.WeightPolicy;
import org.decentsim.coordinator.engine.DirectExecutor;
import org.decentsim.coordinator.engine.EngineSettings;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.engine.Simulation;
import org.decentsim.coordinator.system.Availability;
import org.decentsim.coordinator.system.ComputeModel;
import org.decentsim.coordinator.system.Distribution;
import org.decentsim.coordinator.system.LinkModel;
import org.decentsim.coordinator.system.Speeds;
import org.decentsim.coordinator.system.SystemModel;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.data.Synthetic;
import org.decentsim.node.objective.LogisticRegression;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Streams;
import org.decentsim.node.worker.LocalJobs;
import org.decentsim.node.worker.NodeGuardian;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Coordinator with a scripted worker: order comes from the event queue, not from replies. */
class CoordinatorTest {
  static final ActorTestKit kit =
      ActorTestKit.create(
          ConfigFactory.parseString("akka.actor.serialize-messages = on")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static final int CLIENTS = 6;

  private static Federation federation() {
    Streams s = new Streams(5);
    var data = Synthetic.generate(s, Synthetic.Kind.LOGISTIC, 120, 4, 2, CLIENTS, 0.5, 0);
    return new Federation(
        data,
        null,
        Partitioner.iid(120, CLIENTS, s.stream("partition", 0)),
        () -> new LogisticRegression(4, Regularizer.NONE),
        0.3,
        5,
        s);
  }

  private static Simulation simulation(Federation fed) {
    return simulation(fed, new RunListener() {}, () -> 0);
  }

  private static Simulation simulation(
      Federation fed, RunListener listener, java.util.function.DoubleSupplier wall) {
    double[] p = new double[CLIENTS];
    java.util.Arrays.fill(p, 1.0 / CLIENTS);
    SystemModel sys =
        new SystemModel(
            new ComputeModel(
                Speeds.fromDistribution(CLIENTS, new Distribution.Uniform(0.5, 1.5), fed.streams()),
                new Distribution.Constant(1),
                ComputeModel.Unit.ROUND,
                fed.streams()),
            LinkModel.uniform(CLIENTS, 0, 0, 0),
            Availability.ALWAYS,
            1);
    return new Simulation(
        fed,
        p,
        new FedBuff(
            2,
            1,
            new Staleness.Constant(),
            FedBuff.ExampleWeight.EQUAL,
            true,
            WeightPolicy.IDENTICAL,
            FedBuff.DispatchOn.ARRIVAL),
        sys,
        new EngineSettings(10, 0, 0, Double.NaN, 1e6, 1, 4, 2, 2, false, 0),
        new double[4],
        listener,
        wall);
  }

  /** Everything the probe holds now, waiting up to {@code millis} for the first message. */
  private static List<WorkerProtocol.Train> drain(
      TestProbe<WorkerProtocol.Command> probe, long millis) {
    List<WorkerProtocol.Train> out = new ArrayList<>();
    try {
      out.add((WorkerProtocol.Train) probe.receiveMessage(Duration.ofMillis(millis)));
      while (true) {
        out.add((WorkerProtocol.Train) probe.receiveMessage(Duration.ofMillis(20)));
      }
    } catch (AssertionError timeout) {
      return out;
    }
  }

  private static void answer(ClientShard clients, WorkerProtocol.Train t) {
    double[] delta = new double[4];
    clients.trainInto(t.clientId(), t.model().readOnlyArray(), t.localSteps(), delta);
    t.replyTo()
        .tell(
            new CoordinatorProtocol.Update(
                t.clientId(), t.eventSeq(), Vector.wrap(delta), null, t.localSteps(), 0, 0));
  }

  /** The digest of the direct engine's run of the same scenario, on clients of its own. */
  private static String directDigest() {
    Federation reference = federation();
    return new DirectExecutor(reference).run(simulation(reference)).digest();
  }

  /** A coordinator over {@code fed} with {@code jobs} (null: none), completing {@code done}. */
  private ActorRef<CoordinatorProtocol.Command> spawnCoordinator(
      Federation fed, LocalJobs jobs, CompletableFuture<Outcome> done) {
    return kit.spawn(
        jobs == null
            ? Coordinator.create(simulation(fed), CLIENTS, done::complete)
            : Coordinator.create(simulation(fed), CLIENTS, done::complete, jobs));
  }

  /** A coordinator and the probe it knows as the one worker of every client. */
  private record Scripted(
      ActorRef<CoordinatorProtocol.Command> coord, TestProbe<WorkerProtocol.Command> worker) {}

  /**
   * A coordinator over {@code fed} with {@code jobs} (null: none), completing {@code done}, with a
   * probe registered as the worker of every client.
   */
  private Scripted oneScriptedWorker(
      Federation fed, LocalJobs jobs, CompletableFuture<Outcome> done) {
    ActorRef<CoordinatorProtocol.Command> coord = spawnCoordinator(fed, jobs, done);
    TestProbe<WorkerProtocol.Command> worker = kit.createTestProbe();
    coord.tell(new CoordinatorProtocol.WorkerReady(worker.getRef(), 0, 1, CLIENTS));
    return new Scripted(coord, worker);
  }

  /** Answers each batch of Train messages in reverse order, computing with the real clients. */
  @Test
  void repliesInReverseOrder_sameOutcomeAsDirectEngine() throws Exception {
    String direct = directDigest();
    Federation fed = federation(); // fresh client state for the actor run

    CompletableFuture<Outcome> done = new CompletableFuture<>();
    TestProbe<WorkerProtocol.Command> worker = oneScriptedWorker(fed, null, done).worker();
    ClientShard clients = fed.shard(0, 1, CLIENTS);
    int batches = 0;
    while (!done.isDone() && batches++ < 10_000) {
      List<WorkerProtocol.Train> batch = drain(worker, 200);
      Collections.reverse(batch);
      for (WorkerProtocol.Train t : batch) {
        answer(clients, t);
      }
    }
    Outcome actor = done.get(10, TimeUnit.SECONDS);
    assertThat(actor.digest()).isEqualTo(direct);
  }

  /**
   * With {@link LocalJobs}, the coordinator computes a job it waits for when no worker has taken it
   * (at most one per message it receives), and the worker computes the rest: the run has the direct
   * engine's outcome, and each job was computed once.
   */
  @Test
  void localJobs_coordinatorComputesJobsItWaitsFor_workerTheRest() throws Exception {
    String direct = directDigest();
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 1);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    TestProbe<WorkerProtocol.Command> worker = oneScriptedWorker(fed, jobs, done).worker();
    ClientShard clients = jobs.shard(0);
    int sent = 0;
    int byWorker = 0;
    int batches = 0;
    while (!done.isDone() && batches++ < 10_000) {
      List<WorkerProtocol.Train> batch = drain(worker, 200);
      sent += batch.size();
      for (WorkerProtocol.Train t : batch) {
        if (jobs.take(t.clientId(), t.eventSeq())) {
          byWorker++;
          answer(clients, t);
        }
      }
    }
    Outcome actor = done.get(10, TimeUnit.SECONDS);
    assertThat(actor.digest()).isEqualTo(direct);
    assertThat(jobs.takenByCoordinator()).isPositive();
    assertThat(byWorker).isPositive();
    // every job but those still in flight at the end (at most the concurrency, 4) computed once
    assertThat(byWorker + jobs.takenByCoordinator()).isBetween(sent - 4L, (long) sent);
  }

  /**
   * With {@link LocalJobs} dealing the clients to two Worker shards, each job goes to the worker of
   * its client's shard (client c to shard c mod 2), found without the per-client lookup.
   */
  @Test
  void localJobs_sendsEachJobToTheWorkerOfItsClientsShard() throws Exception {
    String direct = directDigest();
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 2);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    ActorRef<CoordinatorProtocol.Command> coord = spawnCoordinator(fed, jobs, done);
    List<TestProbe<WorkerProtocol.Command>> workers =
        List.of(kit.createTestProbe(), kit.createTestProbe());
    for (int k = 0; k < 2; k++) {
      coord.tell(
          new CoordinatorProtocol.WorkerReady(
              workers.get(k).getRef(), k, 2, (CLIENTS - k + 1) / 2));
    }
    int[] received = new int[2];
    int batches = 0;
    while (!done.isDone() && batches++ < 10_000) {
      for (int k = 0; k < 2; k++) {
        for (WorkerProtocol.Train t : drain(workers.get(k), 100)) {
          assertThat(t.clientId() % 2).as("shard of client %d", t.clientId()).isEqualTo(k);
          received[k]++;
          if (jobs.take(t.clientId(), t.eventSeq())) {
            answer(jobs.shard(k), t);
          }
        }
      }
    }
    Outcome actor = done.get(10, TimeUnit.SECONDS);
    assertThat(actor.digest()).isEqualTo(direct);
    assertThat(received[0]).isPositive();
    assertThat(received[1]).isPositive();
  }

  /**
   * With lanes of two slots (so that some jobs and results find them full and go as messages), a
   * scripted worker that takes its jobs from the lane when woken, answers them in reverse order and
   * sleeps again: the run has the direct engine's outcome, and both ways of sending were used.
   */
  @Test
  void lanes_scriptedWorkerAnswersInReverse_sameOutcomeAsDirectEngine() throws Exception {
    String direct = directDigest();
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 1, 2, 0, 1);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    Scripted run = oneScriptedWorker(fed, jobs, done);
    ActorRef<CoordinatorProtocol.Command> coord = run.coord();
    TestProbe<WorkerProtocol.Command> worker = run.worker();
    ClientShard clients = jobs.shard(0);
    int wakeUps = 0;
    int trains = 0;
    int byMessage = 0;
    int turns = 0;
    while (!done.isDone() && turns++ < 10_000) {
      List<WorkerProtocol.Train> batch = new ArrayList<>();
      try {
        WorkerProtocol.Command m = worker.receiveMessage(Duration.ofMillis(200));
        if (m instanceof WorkerProtocol.Train t) {
          batch.add(t);
          trains++;
        } else {
          assertThat(m).isEqualTo(WorkerProtocol.JobsWaiting.INSTANCE);
          wakeUps++;
        }
      } catch (AssertionError timeout) {
        // a worker looks at its lane when it starts, before anyone rings
      }
      jobs.jobLane(0)
          .takeAll(
              (c, seq, due, steps, carried) ->
                  batch.add(
                      new WorkerProtocol.Train(
                          c, seq, 0, due, (Vector) carried, null, steps, coord)));
      Collections.reverse(batch);
      for (WorkerProtocol.Train t : batch) {
        if (!jobs.take(t.clientId(), t.eventSeq())) {
          continue;
        }
        double[] delta = new double[4];
        clients.trainInto(t.clientId(), t.model().readOnlyArray(), t.localSteps(), delta);
        if (!jobs.resultLane(0).append(t.clientId(), t.eventSeq(), 0, t.localSteps(), delta)) {
          byMessage++;
          coord.tell(
              new CoordinatorProtocol.Update(
                  t.clientId(), t.eventSeq(), Vector.wrap(delta), null, t.localSteps(), 0, 0));
        }
      }
      if (jobs.coordinatorBell().ring()) {
        coord.tell(CoordinatorProtocol.ResultsWaiting.INSTANCE);
      }
      jobs.workerBell(0).sleep();
      if (!jobs.jobLane(0).isEmpty() && jobs.workerBell(0).wake()) {
        worker.getRef().tell(WorkerProtocol.JobsWaiting.INSTANCE); // as a worker goes on
      }
    }
    Outcome actor = done.get(10, TimeUnit.SECONDS);
    assertThat(actor.digest()).isEqualTo(direct);
    assertThat(wakeUps).isPositive();
    assertThat(trains).as("jobs that found the lane full").isPositive();
    assertThat(byMessage).as("results that found the lane full").isPositive();
  }

  /** The same with real Worker actors on lanes of two slots: the direct engine's outcome. */
  @Test
  void lanes_realWorkers_sameOutcomeAsDirectEngine() throws Exception {
    String direct = directDigest();
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 2, 2, 16, 4);
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    ActorRef<CoordinatorProtocol.Command> coord = spawnCoordinator(fed, jobs, done);
    kit.spawn(NodeGuardian.create(jobs, coord));
    assertThat(done.get(30, TimeUnit.SECONDS).digest()).isEqualTo(direct);
  }

  @Test
  void localJobs_notInRealtimeMode() {
    Federation fed = federation();
    Simulation sim = simulation(fed);
    sim.setRealtime(1.0);
    assertThatThrownBy(() -> Coordinator.create(sim, CLIENTS, o -> {}, new LocalJobs(fed, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("realtime");
  }

  @Test
  void fault_isCountedAndTheRunContinues() throws Exception {
    Federation fed = federation();
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    TestProbe<WorkerProtocol.Command> worker = oneScriptedWorker(fed, null, done).worker();
    ClientShard clients = fed.shard(0, 1, CLIENTS);
    boolean faulted = false;
    int batches = 0;
    while (!done.isDone() && batches++ < 10_000) {
      for (WorkerProtocol.Train t : drain(worker, 200)) {
        if (!faulted) {
          faulted = true;
          t.replyTo().tell(new CoordinatorProtocol.Fault(t.clientId(), t.eventSeq(), "injected"));
        } else {
          answer(clients, t);
        }
      }
    }
    Outcome o = done.get(10, TimeUnit.SECONDS);
    assertThat(o.status()).isEqualTo(Outcome.Status.FINISHED);
    assertThat(o.rows().get(o.rows().size() - 1).faults()).isEqualTo(1);
    assertThat(o.rows().get(o.rows().size() - 1).rounds()).isGreaterThan(5);
  }

  @Test
  void arithmeticRuns_splitsClientIdsIntoStridedRuns() {
    // a lost node 1 of 3 hosted 1, 4, 7, 10, 13; dealt to two survivors
    assertThat(Coordinator.arithmeticRuns(List.of(1, 7, 13))).containsExactly(new int[] {1, 6, 3});
    assertThat(Coordinator.arithmeticRuns(List.of(4, 10))).containsExactly(new int[] {4, 6, 2});
    assertThat(Coordinator.arithmeticRuns(List.of(2, 3, 4, 9, 14, 20)))
        .containsExactly(new int[] {2, 1, 3}, new int[] {9, 5, 2}, new int[] {20, 1, 1});
    assertThat(Coordinator.arithmeticRuns(List.of())).isEmpty();
  }

  /**
   * Realtime mode: events fall due with the wall clock, and a late result does not hold back the
   * updates after it (it is taken when it arrives), where virtual time would wait for it.
   */
  @Test
  void realtime_lateResultDoesNotHoldBackLaterOnes_andIsTakenOnArrival() {
    Federation fed = federation();
    double[] wall = {0};
    List<Integer> updated = new ArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public void onUpdate(double time, int client, long versionSent, long staleness) {
            updated.add(client);
          }
        };
    Simulation sim = simulation(fed, listener, () -> wall[0]);
    sim.setRealtime(1.0);
    List<SentJob> jobs = new ArrayList<>();
    sim.start(
        (client, seq, version, due, model, payload, steps) ->
            jobs.add(new SentJob(client, seq, model, steps)));
    assertThat(sim.run()).isFalse();
    assertThat(updated).isEmpty();
    assertThat(sim.wallSecondsToNextEvent()).isGreaterThan(0);
    SentJob late = jobs.get(0);
    ClientShard clients = fed.shard(0, 1, CLIENTS);
    int answered = 1;
    for (int step = 0; step < 16; step++) {
      wall[0] += 0.5; // up to virtual time 8, before the run's end at 10
      for (; answered < jobs.size(); answered++) {
        SentJob j = jobs.get(answered);
        double[] delta = new double[4];
        clients.trainInto(j.client(), j.model().readOnlyArray(), j.localSteps(), delta);
        sim.complete(j.client(), j.seq(), delta);
      }
      sim.run();
    }
    assertThat(sim.isDone()).isFalse();
    assertThat(updated).hasSizeGreaterThan(3).doesNotContain(late.client());
    int before = updated.size();
    double[] delta = new double[4];
    clients.trainInto(late.client(), late.model().readOnlyArray(), late.localSteps(), delta);
    sim.complete(late.client(), late.seq(), delta);
    sim.run();
    assertThat(updated.subList(before, updated.size())).contains(late.client());
    sim.requestStop();
    assertThat(sim.run()).isTrue();
    assertThat(sim.outcome().status()).isEqualTo(Outcome.Status.INTERRUPTED);
  }

  private record SentJob(int client, long seq, Vector model, int localSteps) {}
}
