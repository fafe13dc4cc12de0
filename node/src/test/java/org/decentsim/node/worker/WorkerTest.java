package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.objective.LeastSquares;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.objective.Regularizer;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WorkerTest {
  // every message goes through the protobuf serializer, as it would between JVMs
  static final ActorTestKit kit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "akka.actor.serialize-messages = on\nakka.actor.allow-java-serialization = off")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Least squares whose first gradient waits until the test opens the gate. */
  private static final class Gated implements Objective {
    private final LeastSquares inner = new LeastSquares(2, Regularizer.NONE);
    private final CountDownLatch entered;
    private final CountDownLatch gate;

    Gated(CountDownLatch entered, CountDownLatch gate) {
      this.entered = entered;
      this.gate = gate;
    }

    @Override
    public int modelDim() {
      return inner.modelDim();
    }

    @Override
    public double lossAndGradientInto(
        double[] w, DataSet data, int[] idx, int from, int to, double[] out) {
      if (entered.getCount() > 0) {
        entered.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return inner.lossAndGradientInto(w, data, idx, from, to, out);
    }

    @Override
    public double loss(double[] w, DataSet data, int[] idx, int from, int to) {
      return inner.loss(w, data, idx, from, to);
    }

    @Override
    public int correct(double[] w, DataSet data, int[] idx, int from, int to) {
      return inner.correct(w, data, idx, from, to);
    }

    @Override
    public boolean isClassification() {
      return false;
    }

    @Override
    public double smoothness(DataView view) {
      return inner.smoothness(view);
    }

    @Override
    public Objective copy() {
      return this;
    }
  }

  private static Federation federation() {
    return federation(() -> new LeastSquares(2, Regularizer.NONE));
  }

  private static Federation federation(Supplier<Objective> objectives) {
    double[] x = new double[40];
    double[] y = new double[20];
    for (int i = 0; i < 40; i++) {
      x[i] = (i % 7) - 3;
    }
    for (int i = 0; i < 20; i++) {
      y[i] = i % 3;
    }
    DataSet d = DataSet.dense("t", 2, x, y, 0, null);
    Streams s = new Streams(9);
    return new Federation(
        d, null, Partitioner.iid(20, 4, s.stream("partition", 0)), objectives, 0.05, 2, s);
  }

  @Test
  void onTrain_repliesWithTheUpdateTheShardComputes() {
    Federation fed = federation();
    ActorRef<WorkerProtocol.Command> worker = kit.spawn(Worker.create(fed.shard(1, 2, 2)));
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    Vector model = Vector.copyOf(new double[] {0.1, -0.2});
    worker.tell(new WorkerProtocol.Train(3, 17, 4, 2.5, model, null, 3, probe.getRef()));
    CoordinatorProtocol.Update u =
        probe.expectMessageClass(CoordinatorProtocol.Update.class, Duration.ofSeconds(5));

    ClientShard reference = fed.forRun().shard(3, 1, 1); // fresh client state, as the worker had
    double[] expected = new double[2];
    double loss = reference.trainInto(3, new double[] {0.1, -0.2}, 3, expected);
    assertThat(u)
        .isEqualTo(new CoordinatorProtocol.Update(3, 17, Vector.wrap(expected), null, 3, 6, loss));
  }

  @Test
  void waitingJobs_areComputedEarliestDueFirst() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Federation fed = federation(() -> new Gated(entered, gate));
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    kit.spawn(NodeGuardian.create(fed, 1, probe.getRef())); // spawns with the node's mailbox
    ActorRef<WorkerProtocol.Command> worker =
        probe.expectMessageClass(CoordinatorProtocol.WorkerReady.class).worker();
    Vector model = Vector.copyOf(new double[] {0.1, -0.2});
    worker.tell(new WorkerProtocol.Train(0, 1, 0, 9.0, model, null, 1, probe.getRef()));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // job 1 is being computed
    worker.tell(new WorkerProtocol.Train(1, 2, 0, 5.0, model, null, 1, probe.getRef()));
    worker.tell(new WorkerProtocol.Train(2, 3, 0, 1.0, model, null, 1, probe.getRef()));
    worker.tell(new WorkerProtocol.Train(3, 4, 0, 3.0, model, null, 1, probe.getRef()));
    worker.tell(new WorkerProtocol.Train(0, 5, 0, 3.0, model, null, 1, probe.getRef()));
    Thread.sleep(200); // let the four reach the mailbox while job 1 holds the worker
    gate.countDown();
    long[] order = new long[5];
    for (int i = 0; i < 5; i++) {
      order[i] = probe.expectMessageClass(CoordinatorProtocol.Update.class).eventSeq();
    }
    // due 9 (already running), then 1, then the two due at 3 in the order sent, then 5
    assertThat(order).containsExactly(1, 3, 4, 5, 2);
  }

  @Test
  void dueTimeQueue_earliestDueFirst_tiesInArrivalOrder_otherMessagesLast() {
    DueTimeMailbox.Queue q = new DueTimeMailbox.Queue();
    ActorRef<CoordinatorProtocol.Command> replyTo =
        kit.<CoordinatorProtocol.Command>createTestProbe().getRef();
    double[] dues = {4, 2, 9, 2, 0.5, 7, 2, 3, 8, 1, 6, 5, 2, 10, 0.25, 3, 11, 12, 2, 1.5};
    List<Object> sent = new ArrayList<>();
    for (int i = 0; i < dues.length; i++) {
      Object m = i == 3 ? WorkerProtocol.Stop.INSTANCE : MailboxMessages.trainDue(dues[i], replyTo);
      sent.add(m);
      MailboxMessages.enqueue(q, m);
      if (i == 6) { // take two while others keep arriving
        assertThat(q.dequeue().message()).isSameAs(sent.get(4)); // 0.5
        assertThat(q.dequeue().message()).isSameAs(sent.get(1)); // the first 2
      }
    }
    assertThat(q.hasMessages()).isTrue();
    assertThat(q.numberOfMessages()).isEqualTo(dues.length - 2);
    List<Object> out = MailboxMessages.drain(q);
    assertThat(q.hasMessages()).isFalse();
    int[] expected = {14, 9, 19, 6, 12, 18, 7, 15, 0, 11, 10, 5, 8, 2, 13, 16, 17, 3};
    List<Object> want = new ArrayList<>();
    for (int i : expected) {
      want.add(sent.get(i));
    }
    assertThat(out).containsExactlyElementsOf(want);
  }

  @Test
  void onTrain_clientNotHosted_repliesWithFault() {
    ActorRef<WorkerProtocol.Command> worker = kit.spawn(Worker.create(federation().shard(0, 2, 2)));
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    worker.tell(
        new WorkerProtocol.Train(
            1, 5, 0, 1.0, Vector.copyOf(new double[2]), null, 1, probe.getRef()));
    CoordinatorProtocol.Fault f =
        probe.expectMessageClass(CoordinatorProtocol.Fault.class, Duration.ofSeconds(5));
    assertThat(f.eventSeq()).isEqualTo(5);
    assertThat(f.reason()).contains("client 1 is not hosted");
  }

  @Test
  void nodeGuardian_announcesWorkersCoveringEveryClient() {
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    kit.spawn(NodeGuardian.create(federation(), 3, probe.getRef()));
    boolean[] covered = new boolean[4];
    for (int k = 0; k < 3; k++) {
      CoordinatorProtocol.WorkerReady r =
          probe.expectMessageClass(CoordinatorProtocol.WorkerReady.class, Duration.ofSeconds(5));
      for (int j = 0; j < r.count(); j++) {
        int c = r.first() + j * r.stride();
        assertThat(covered[c]).isFalse();
        covered[c] = true;
      }
    }
    assertThat(covered).containsOnly(true);
  }

  @Test
  void localJobs_workerComputesTheJobsItTakes_dropsThoseTheCoordinatorTook() {
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 1);
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    kit.spawn(NodeGuardian.create(jobs, probe.getRef()));
    ActorRef<WorkerProtocol.Command> worker =
        probe.expectMessageClass(CoordinatorProtocol.WorkerReady.class).worker();
    Vector model = Vector.copyOf(new double[] {0.1, -0.2});
    jobs.offer(2, 10);
    assertThat(jobs.takeForCoordinator(2, 10)).isNotNull();
    worker.tell(new WorkerProtocol.Train(2, 10, 0, 1.0, model, null, 1, probe.getRef()));
    jobs.offer(2, 11); // the next job of client 2; job 10 is still in the mailbox above
    worker.tell(new WorkerProtocol.Train(2, 11, 0, 2.0, model, null, 1, probe.getRef()));
    CoordinatorProtocol.Update u =
        probe.expectMessageClass(CoordinatorProtocol.Update.class, Duration.ofSeconds(5));
    assertThat(u.eventSeq()).isEqualTo(11); // job 10 was dropped, not computed as job 11
    assertThat(jobs.takeForCoordinator(2, 11)).isNull(); // the worker took it
    probe.expectNoMessage(Duration.ofMillis(200));
    assertThat(jobs.takenByCoordinator()).isEqualTo(1);
  }

  @Test
  void localJobs_eachOfferedJobIsTakenExactlyOnce_underARace() throws Exception {
    int clients = 20_000;
    LocalJobs jobs = new LocalJobs(bigFederation(clients), 2);
    for (int c = 0; c < clients; c++) {
      jobs.offer(c, 1000L + c);
    }
    boolean[][] won = new boolean[2][clients];
    CountDownLatch go = new CountDownLatch(1);
    Thread other =
        new Thread(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              for (int c = clients - 1; c >= 0; c--) {
                won[1][c] = jobs.take(c, 1000L + c);
              }
            });
    other.start();
    go.countDown();
    for (int c = 0; c < clients; c++) {
      won[0][c] = jobs.takeForCoordinator(c, 1000L + c) != null;
    }
    other.join(10_000);
    int first = 0;
    for (int c = 0; c < clients; c++) {
      assertThat(won[0][c] ^ won[1][c]).as("client %d taken once", c).isTrue();
      first += won[0][c] ? 1 : 0;
    }
    assertThat(jobs.takenByCoordinator()).isEqualTo(first);
    assertThat(jobs.take(7, 1007)).isFalse(); // gone for good
  }

  /**
   * Jobs of one client computed in turn by its worker's shard and by the coordinator's: the same
   * updates as one shard computing them all, because both draw from the client's one batch stream.
   */
  @Test
  void localJobs_coordinatorShardContinuesTheWorkersBatchStream() {
    LocalJobs jobs = new LocalJobs(federation(), 2);
    ClientShard reference = federation().shard(1, 2, 2);
    double[] model = {0.1, -0.2};
    for (long seq = 0; seq < 6; seq++) {
      jobs.offer(3, seq);
      ClientShard shard = jobs.shard(1); // the worker's: clients 1 and 3
      if (seq % 2 == 0) {
        shard = jobs.takeForCoordinator(3, seq);
        assertThat(shard).isNotNull().isNotSameAs(jobs.shard(1));
      }
      assertThat(shard.hosts(3)).isTrue();
      double[] got = new double[2];
      double[] want = new double[2];
      assertThat(shard.trainInto(3, model, 2, got))
          .isEqualTo(reference.trainInto(3, model, 2, want));
      assertThat(got).containsExactly(want);
    }
  }

  /** A result taken from a lane. */
  private record Result(int client, long seq, Object update) {}

  /** Waits until {@code n} results are in worker 0's result lane, and takes them. */
  private static List<Result> results(LocalJobs jobs, int n) throws InterruptedException {
    List<Result> out = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.size() < n && System.nanoTime() < end) {
      jobs.resultLane(0).takeAll((c, seq, due, steps, r) -> out.add(new Result(c, seq, r)));
      Thread.sleep(5);
    }
    return out;
  }

  /** Appends a job to worker 0's lane, offered as the coordinator does, and rings its bell. */
  private static void sendThroughLane(
      LocalJobs jobs, ActorRef<WorkerProtocol.Command> worker, int client, long seq, double due) {
    jobs.offer(client, seq);
    assertThat(jobs.jobLane(0).append(client, seq, due, 1, Vector.copyOf(new double[] {0.1, -0.2})))
        .isTrue();
    if (jobs.workerBell(0).ring()) {
      worker.tell(WorkerProtocol.JobsWaiting.INSTANCE);
    }
  }

  /**
   * With lanes, a worker takes its jobs from its lane, computes them earliest due first, drops one
   * the coordinator took, puts the results in its result lane, and wakes the sleeping coordinator.
   */
  @Test
  void lanes_jobsFromTheLane_earliestDueFirst_resultsInTheResultLane() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Federation fed = federation(() -> new Gated(entered, gate));
    LocalJobs jobs = new LocalJobs(fed, 1, 8, 0, 1);
    jobs.coordinatorBell().sleep();
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    kit.spawn(NodeGuardian.create(jobs, probe.getRef()));
    ActorRef<WorkerProtocol.Command> worker =
        probe.expectMessageClass(CoordinatorProtocol.WorkerReady.class).worker();
    sendThroughLane(jobs, worker, 0, 1, 9.0);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // job 1 is being computed
    sendThroughLane(jobs, worker, 1, 2, 5.0);
    sendThroughLane(jobs, worker, 2, 3, 1.0);
    sendThroughLane(jobs, worker, 3, 4, 3.0);
    sendThroughLane(jobs, worker, 1, 5, 0.5); // client 1's next job: job 2 is dropped
    sendThroughLane(jobs, worker, 0, 6, 3.0);
    jobs.offer(2, 7);
    assertThat(jobs.takeForCoordinator(2, 7)).isNotNull(); // job 3 is no longer open
    gate.countDown();
    List<Result> got = results(jobs, 4);
    // due 9 (already running), then 0.5, then the two due at 3 in the order sent
    assertThat(got).extracting(Result::seq).containsExactly(1L, 5L, 4L, 6L);
    probe.expectMessage(CoordinatorProtocol.ResultsWaiting.INSTANCE);
    double[] expected = new double[2];
    fed.forRun().shard(3, 1, 1).trainInto(3, new double[] {0.1, -0.2}, 1, expected);
    assertThat((double[]) got.get(2).update()).containsExactly(expected);
    probe.expectNoMessage(Duration.ofMillis(200)); // no Update: all went through the lane
  }

  /**
   * A result that finds the result lane full goes to the coordinator as an Update; so does a job
   * that found the job lane full come as a Train (whose result goes through the lane if it can).
   */
  @Test
  void lanes_aFullResultLane_sendsTheResultAsAnUpdate() throws Exception {
    Federation fed = federation();
    LocalJobs jobs = new LocalJobs(fed, 1, 2, 0, 1);
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    kit.spawn(NodeGuardian.create(jobs, probe.getRef()));
    ActorRef<WorkerProtocol.Command> worker =
        probe.expectMessageClass(CoordinatorProtocol.WorkerReady.class).worker();
    sendThroughLane(jobs, worker, 0, 10, 1.0);
    sendThroughLane(jobs, worker, 1, 11, 2.0);
    jobs.offer(2, 12);
    worker.tell(
        new WorkerProtocol.Train(
            2, 12, 0, 3.0, Vector.copyOf(new double[] {0.1, -0.2}), null, 1, probe.getRef()));
    CoordinatorProtocol.Update u =
        probe.expectMessageClass(CoordinatorProtocol.Update.class, Duration.ofSeconds(5));
    List<Long> seqs = new ArrayList<>();
    seqs.add(u.eventSeq());
    for (Result r : results(jobs, 2)) {
      seqs.add(r.seq());
    }
    assertThat(seqs).containsExactlyInAnyOrder(10L, 11L, 12L);
  }

  private static Federation bigFederation(int clients) {
    double[] x = new double[2 * clients];
    double[] y = new double[clients];
    DataSet d = DataSet.dense("t", 2, x, y, 0, null);
    Streams s = new Streams(9);
    return new Federation(
        d,
        null,
        Partitioner.iid(clients, clients, s.stream("partition", 0)),
        () -> new LeastSquares(2, Regularizer.NONE),
        0.05,
        1,
        s);
  }
}
