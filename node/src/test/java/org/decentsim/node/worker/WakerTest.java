package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.MailboxSelector;
import akka.actor.typed.javadsl.Behaviors;
import akka.dispatch.Envelope;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.WakeUp;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Wake-ups sent by a {@link Waker} into a mailbox with a {@link WakeSlot}. */
class WakerTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static final Object OTHER = "other";

  @Test
  void wakeUpMailbox_aPendingWakeUpComesFirst_twoAreOne_othersInOrder() {
    WakeUpMailbox.Queue q = new WakeUpMailbox.Queue();
    Object a = WorkerProtocol.Stop.INSTANCE;
    MailboxMessages.enqueue(
        q,
        a,
        CoordinatorProtocol.ResultsWaiting.INSTANCE,
        OTHER,
        CoordinatorProtocol.ResultsWaiting.INSTANCE);
    assertThat(q.numberOfMessages()).isEqualTo(3);
    assertThat(MailboxMessages.drain(q))
        .containsExactly(CoordinatorProtocol.ResultsWaiting.INSTANCE, a, OTHER);
    assertThat(q.hasMessages()).isFalse();
    MailboxMessages.enqueue(q, CoordinatorProtocol.ResultsWaiting.INSTANCE);
    assertThat(q.hasMessages()).isTrue();
    assertThat(MailboxMessages.drain(q))
        .containsExactly(CoordinatorProtocol.ResultsWaiting.INSTANCE);
  }

  @Test
  void dueTimeMailbox_aPendingWakeUpComesBeforeTheJobs() {
    DueTimeMailbox.Queue q = new DueTimeMailbox.Queue();
    ActorRef<CoordinatorProtocol.Command> replyTo =
        kit.<CoordinatorProtocol.Command>createTestProbe().getRef();
    WorkerProtocol.Train late = MailboxMessages.trainDue(5.0, replyTo);
    WorkerProtocol.Train early = MailboxMessages.trainDue(1.0, replyTo);
    MailboxMessages.enqueue(
        q, late, WorkerProtocol.JobsWaiting.INSTANCE, early, WorkerProtocol.JobsWaiting.INSTANCE);
    assertThat(q.numberOfMessages()).isEqualTo(3);
    assertThat(MailboxMessages.drain(q))
        .containsExactly(WorkerProtocol.JobsWaiting.INSTANCE, early, late);
    assertThat(q.hasMessages()).isFalse();
  }

  /** A wake-up carrying a number, to tell the offers apart. */
  private record Tick(long n) implements WakeUp {}

  /**
   * A wake-up offered while the consumer takes the one before is kept: one thread offers three
   * million numbered wake-ups while another takes them, and whenever a take finds the slot empty,
   * the consumer has already taken every number offered before that take.
   */
  @Test
  void wakeSlot_aWakeUpOfferedWhileTheConsumerTakesIsKept() throws InterruptedException {
    WakeSlot slot = new WakeSlot();
    long n = 3_000_000;
    AtomicLong offered = new AtomicLong();
    Thread producer =
        new Thread(
            () -> {
              for (long i = 1; i <= n; i++) {
                slot.offer(new Envelope(new Tick(i), null));
                offered.set(i);
              }
            });
    producer.setDaemon(true);
    producer.start();
    long taken = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (taken < n && System.nanoTime() < deadline) {
      long before = offered.get();
      Envelope e = slot.poll();
      if (e != null) {
        taken = Math.max(taken, ((Tick) e.message()).n());
      } else {
        assertThat(taken).as("taken when the slot was found empty").isGreaterThanOrEqualTo(before);
      }
    }
    producer.join(10_000);
    assertThat(taken).isEqualTo(n);
    assertThat(slot.isPending()).isFalse();
    assertThat(slot.offer(new Envelope(OTHER, null))).as("not a wake-up").isFalse();
  }

  @Test
  void waker_refusesAMessageThatIsNotAWakeUp() {
    TestProbe<WorkerProtocol.Command> probe = kit.createTestProbe();
    assertThatThrownBy(() -> new Waker<>(probe.getRef(), WorkerProtocol.Stop.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a wake-up");
  }

  /**
   * Every wake-up is answered by a handling that comes after it. A thread publishes a number, wakes
   * the actor and waits until the actor has seen that number, 20,000 times: each wake-up then
   * arrives while the actor finishes handling the one before, sometimes at the moment a mailbox
   * that lost a pending wake-up would go idle without it (the test then waits in vain and fails).
   */
  @Test
  void waker_noWakeUpIsLost_whenTheActorIsJustFinishingTheLastOne() {
    AtomicLong published = new AtomicLong();
    AtomicLong seen = new AtomicLong();
    ActorRef<CoordinatorProtocol.Command> actor =
        kit.spawn(
            Behaviors.receive(CoordinatorProtocol.Command.class)
                .onMessageEquals(
                    CoordinatorProtocol.ResultsWaiting.INSTANCE,
                    () -> {
                      seen.set(published.get());
                      return Behaviors.same();
                    })
                .build(),
            "woken",
            MailboxSelector.fromConfig(WakeUpMailbox.CONFIG_PATH));
    Waker<CoordinatorProtocol.Command> waker =
        new Waker<>(actor, CoordinatorProtocol.ResultsWaiting.INSTANCE);
    assertThat(waker.target()).isEqualTo(actor);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (long i = 1; i <= 20_000; i++) {
      for (long spin = i % 64; spin > 0; spin--) {
        Thread.onSpinWait(); // a pause of 0 to 63 spins: the wake-up lands all over that moment
      }
      published.set(i);
      waker.wake();
      while (seen.get() != i) {
        if (System.nanoTime() > deadline) {
          assertThat(seen.get()).as("the last number the actor saw").isEqualTo(i);
        }
        Thread.onSpinWait();
      }
    }
  }

  /**
   * After warm-up, waking an actor whose mailbox has a wake-up slot allocates nothing on the waking
   * thread; a {@code tell} of the same message allocates its envelope (24 bytes) every time.
   */
  @Test
  void waker_allocatesNothingPerWakeUp_whereTellAllocatesAnEnvelope() {
    ActorRef<WorkerProtocol.Command> actor =
        kit.spawn(idle(), "idle", MailboxSelector.fromConfig(DueTimeMailbox.CONFIG_PATH));
    Waker<WorkerProtocol.Command> waker = new Waker<>(actor, WorkerProtocol.JobsWaiting.INSTANCE);
    int n = 20_000;
    long byWaker = least(() -> waker.wake(), n);
    long byTell = least(() -> actor.tell(WorkerProtocol.JobsWaiting.INSTANCE), n);
    assertThat(byWaker).as("bytes for %d wake-ups by the waker", n).isLessThan(1024);
    assertThat(byTell).as("bytes for %d tells", n).isGreaterThanOrEqualTo(16L * n);
  }

  private static Behavior<WorkerProtocol.Command> idle() {
    return Behaviors.receive(WorkerProtocol.Command.class)
        .onMessageEquals(WorkerProtocol.JobsWaiting.INSTANCE, Behaviors::same)
        .build();
  }

  /** The least bytes this thread allocated in five rounds of {@code n} runs of {@code r}. */
  private static long least(Runnable r, int n) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < n; i++) {
        r.run();
      }
      least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
    }
    return least;
  }
}
