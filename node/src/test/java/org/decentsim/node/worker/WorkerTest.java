package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.decentsim.node.client.ClientShard;
import org.decentsim.node.client.Federation;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.Partitioner;
import org.decentsim.node.objective.LeastSquares;
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

  private static Federation federation() {
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
        d,
        null,
        Partitioner.iid(20, 4, s.stream("partition", 0)),
        () -> new LeastSquares(2, Regularizer.NONE),
        0.05,
        2,
        s);
  }

  @Test
  void onTrain_repliesWithTheUpdateTheShardComputes() {
    Federation fed = federation();
    ActorRef<WorkerProtocol.Command> worker = kit.spawn(Worker.create(fed.shard(1, 2, 2)));
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    Vector model = Vector.copyOf(new double[] {0.1, -0.2});
    worker.tell(new WorkerProtocol.Train(3, 17, 4, model, null, 3, probe.getRef()));
    CoordinatorProtocol.Update u =
        probe.expectMessageClass(CoordinatorProtocol.Update.class, Duration.ofSeconds(5));

    ClientShard reference = fed.forRun().shard(3, 1, 1); // fresh client state, as the worker had
    double[] expected = new double[2];
    double loss = reference.trainInto(3, new double[] {0.1, -0.2}, 3, expected);
    assertThat(u)
        .isEqualTo(new CoordinatorProtocol.Update(3, 17, Vector.wrap(expected), null, 3, 6, loss));
  }

  @Test
  void onTrain_clientNotHosted_repliesWithFault() {
    ActorRef<WorkerProtocol.Command> worker = kit.spawn(Worker.create(federation().shard(0, 2, 2)));
    TestProbe<CoordinatorProtocol.Command> probe = kit.createTestProbe();
    worker.tell(
        new WorkerProtocol.Train(1, 5, 0, Vector.copyOf(new double[2]), null, 1, probe.getRef()));
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
}
