package org.decentsim.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import java.io.NotSerializableException;
import java.util.List;
import org.decentsim.proto.codec.PayloadCodec;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ProtobufSerializerTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static Object roundTrip(Object msg) throws NotSerializableException {
    Serialization ser = SerializationExtension.get(Adapter.toClassic(kit.system()));
    akka.serialization.Serializer s = ser.findSerializerFor(msg);
    assertThat(s).isInstanceOf(ProtobufSerializer.class);
    byte[] bytes = s.toBinary(msg);
    String manifest = Serializers.manifestFor(s, msg);
    return ser.deserialize(bytes, s.identifier(), manifest).get();
  }

  @Test
  void everyProtocolMessage_roundTripsThroughProtobuf() throws Exception {
    TestProbe<CoordinatorProtocol.Command> coord = kit.createTestProbe();
    TestProbe<WorkerProtocol.Command> worker = kit.createTestProbe();
    TestProbe<NodeProtocol.Command> node = kit.createTestProbe();
    Vector v = Vector.copyOf(new double[] {1.5, -0.0, Double.MIN_VALUE, 1e300});
    List<Object> samples =
        List.of(
            new WorkerProtocol.Train(3, 99, 7, 12.75, v, null, 5, coord.getRef()),
            WorkerProtocol.Stop.INSTANCE,
            new CoordinatorProtocol.Update(3, 99, v, null, 5, 160, 0.25),
            new CoordinatorProtocol.WorkerReady(worker.getRef(), 1, 4, 25),
            new CoordinatorProtocol.Fault(3, 99, "boom"),
            new CoordinatorProtocol.NodeReady("r1", node.getRef(), "ab12", 40),
            new CoordinatorProtocol.NodeFailed("r1", node.getRef(), "data.path: file not found"),
            new NodeProtocol.Assign("r1", "decentsim { seed = 3 }", 1, 3, 4, coord.getRef(), true),
            new NodeProtocol.Adopt("r1", 2, 9, 5),
            new NodeProtocol.EndRun("r1", true));
    for (Object m : samples) {
      assertThat(roundTrip(m)).isEqualTo(m);
    }
    // one sample per message type (Local ones never leave the JVM): a new message without a
    // mapping fails here
    assertThat(WorkerProtocol.Command.class.getPermittedSubclasses()).hasSize(3);
    assertThat(CoordinatorProtocol.Command.class.getPermittedSubclasses()).hasSize(6);
    assertThat(NodeProtocol.Command.class.getPermittedSubclasses()).hasSize(4);
  }

  @Test
  void denseFieldBytes_equalsTheEncodedFieldSize() {
    for (int dim : new int[] {0, 1, 15, 16, 1000, 100_000}) {
      Vector v = Vector.wrap(new double[dim]);
      int encoded =
          org.decentsim.proto.wire.Update.newBuilder()
              .setDelta(VectorCodec.encode(v))
              .build()
              .getSerializedSize();
      assertThat(VectorCodec.denseFieldBytes(3, dim)).as("dim %d", dim).isEqualTo(encoded);
    }
  }

  @Test
  void fromBinary_unknownManifest_isRejectedNotCrashed() {
    ProtobufSerializer s =
        (ProtobufSerializer)
            SerializationExtension.get(Adapter.toClassic(kit.system()))
                .serializerByIdentity()
                .apply(ProtobufSerializer.IDENTIFIER);
    assertThatThrownBy(() -> s.fromBinary(new byte[] {1, 2}, "nope"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("unknown manifest");
    assertThatThrownBy(
            () -> s.fromBinary(new byte[] {(byte) 0xff, 0x7f}, ProtobufSerializer.UPDATE))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("malformed");
  }

  private static Payload sparse() {
    Payload p = new Payload().setSparse(1000, 3, true);
    p.indices()[0] = 0;
    p.indices()[1] = 200;
    p.indices()[2] = 999;
    p.values()[0] = 1.5;
    p.values()[1] = -2;
    p.values()[2] = 1e-3;
    return p.seal();
  }

  @Test
  void compressedUpdatesAndModels_roundTripWithTheirPayloads() throws Exception {
    TestProbe<CoordinatorProtocol.Command> coord = kit.createTestProbe();
    Payload q = new Payload().setQuantized(5, Payload.Scheme.QSGD, 2.5, 4, 0, 4);
    q.putCode(0, 9);
    q.putCode(4, 4);
    Payload low = new Payload().setLowRank(6, 2, 3, 1, false);
    low.p()[0] = 1;
    low.p()[1] = 2;
    low.q()[2] = 3;
    for (Payload p : List.of(sparse(), q, low, new Payload().setZero(7))) {
      Object u = new CoordinatorProtocol.Update(1, 2, null, p, 1, 32, 0.5);
      assertThat(roundTrip(u)).isEqualTo(u);
      Object t = new WorkerProtocol.Train(1, 2, 3, 0.5, null, p, 1, coord.getRef());
      assertThat(roundTrip(t)).isEqualTo(t);
    }
  }

  @Test
  void decodedMessages_doNotShareTheReceivedBytes() throws Exception {
    // the dense fields are parsed without copying the received array; what comes out must still
    // own its values
    TestProbe<CoordinatorProtocol.Command> coord = kit.createTestProbe();
    Serialization ser = SerializationExtension.get(Adapter.toClassic(kit.system()));
    Payload low = new Payload().setLowRank(6, 2, 3, 1, false);
    low.p()[0] = 1;
    low.q()[2] = 3;
    Vector v = Vector.copyOf(new double[] {1.5, -2, 3e-3});
    List<Object> samples =
        List.of(
            new CoordinatorProtocol.Update(3, 99, v, null, 5, 160, 0.25),
            new CoordinatorProtocol.Update(1, 2, null, sparse(), 1, 32, 0.5),
            new CoordinatorProtocol.Update(1, 2, null, low, 1, 32, 0.5),
            new WorkerProtocol.Train(3, 99, 7, 12.75, v, null, 5, coord.getRef()),
            new WorkerProtocol.Train(1, 2, 3, 0.5, null, sparse(), 1, coord.getRef()));
    for (Object m : samples) {
      akka.serialization.Serializer s = ser.findSerializerFor(m);
      byte[] bytes = s.toBinary(m);
      Object decoded = ser.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, m)).get();
      java.util.Arrays.fill(bytes, (byte) 0x7f);
      assertThat(decoded).isEqualTo(m);
    }
  }

  @Test
  void trainsToDifferentCoordinators_eachResolveToTheirOwn() throws Exception {
    // the serializer remembers the last reference it wrote and read
    TestProbe<CoordinatorProtocol.Command> a = kit.createTestProbe();
    TestProbe<CoordinatorProtocol.Command> b = kit.createTestProbe();
    Vector v = Vector.copyOf(new double[] {1, 2});
    for (TestProbe<CoordinatorProtocol.Command> p : List.of(a, a, b, a, b, b)) {
      WorkerProtocol.Train t = new WorkerProtocol.Train(1, 2, 3, 0.5, v, null, 1, p.getRef());
      assertThat(((WorkerProtocol.Train) roundTrip(t)).replyTo()).isEqualTo(p.getRef());
    }
  }

  @Test
  void malformedPayloads_areRejectedNotCrashed() {
    ProtobufSerializer s =
        (ProtobufSerializer)
            SerializationExtension.get(Adapter.toClassic(kit.system()))
                .serializerByIdentity()
                .apply(ProtobufSerializer.IDENTIFIER);
    org.decentsim.proto.wire.Payload good = PayloadCodec.toWire(sparse());
    // an index past the dimension, a truncated value list, a payload and a delta at once
    org.decentsim.proto.wire.Payload badIndex = good.toBuilder().setDim(500).build();
    org.decentsim.proto.wire.Payload badValues =
        good.toBuilder()
            .setSparse(
                good.getSparse().toBuilder()
                    .setF32(good.getSparse().getF32().substring(0, 5))
                    .build())
            .build();
    for (org.decentsim.proto.wire.Payload bad : List.of(badIndex, badValues)) {
      byte[] bytes =
          org.decentsim.proto.wire.Update.newBuilder().setPayload(bad).build().toByteArray();
      assertThatThrownBy(() -> s.fromBinary(bytes, ProtobufSerializer.UPDATE))
          .isInstanceOf(NotSerializableException.class)
          .hasMessageContaining("malformed");
    }
    byte[] both =
        org.decentsim.proto.wire.Update.newBuilder()
            .setPayload(good)
            .setDelta(VectorCodec.encode(Vector.wrap(new double[2])))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> s.fromBinary(both, ProtobufSerializer.UPDATE))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("exactly one");
  }
}
