package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.ExtendedActorSystem;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.Adapter;
import akka.event.Logging;
import akka.serialization.SerializationExtension;
import akka.serialization.SerializerWithStringManifest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.proto.ProtobufSerializer;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.decentsim.proto.wire.Payload;
import org.decentsim.proto.wire.Update;
import org.decentsim.proto.wire.Vector;
import org.junit.jupiter.api.Test;

/**
 * Bytes that arrive over Artery under the decentsim serializer's id but do not decode (malformed,
 * contradictory or with an unknown manifest) are logged and dropped: the receiving node keeps
 * running and handles the next good message.
 */
class MalformedFrameTest {
  /** A frame sent as it is: the manifest and bytes a decentsim message would carry. */
  record Frame(String manifest, byte[] bytes) {}

  /** Writes frames under the decentsim serializer's id, whatever they contain. */
  public static final class RawSerializer extends SerializerWithStringManifest {
    public RawSerializer(ExtendedActorSystem system) {}

    @Override
    public int identifier() {
      return ProtobufSerializer.IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
      return ((Frame) o).manifest();
    }

    @Override
    public byte[] toBinary(Object o) {
      return ((Frame) o).bytes();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
      throw new NotSerializableException("this side only sends");
    }
  }

  private static Config remote(String extra) {
    return ConfigFactory.parseString(
            "akka.actor.provider = remote\n"
                + "akka.actor.allow-java-serialization = off\n"
                + "akka.remote.artery.transport = tcp\n"
                + "akka.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                + "akka.remote.artery.canonical.port = 0\n"
                + extra)
        .withFallback(ConfigFactory.load());
  }

  @Test
  void malformedAndUnknownFrames_areLoggedAndDropped_theNodeKeepsRunning() {
    ActorTestKit receiver = ActorTestKit.create("decentsim", remote(""));
    ActorTestKit sender =
        ActorTestKit.create(
            "sender",
            remote(
                "akka.actor.serializers.decentsim = \""
                    + RawSerializer.class.getName()
                    + "\"\n"
                    + "akka.actor.serialization-bindings {\n"
                    + "  \""
                    + Frame.class.getName()
                    + "\" = decentsim\n"
                    + "}\n"));
    try {
      TestProbe<WorkerProtocol.Command> node = receiver.createTestProbe();
      TestProbe<Logging.Error> errors = receiver.createTestProbe();
      receiver
          .system()
          .eventStream()
          .tell(new EventStream.Subscribe<>(Logging.Error.class, errors.getRef()));
      String path = ActorRefResolver.get(receiver.system()).toSerializationFormat(node.getRef());
      ActorRef<Frame> remoteNode = ActorRefResolver.get(sender.system()).resolveActorRef(path);

      Vector v = Vector.newBuilder().setDim(1).build();
      List<Frame> bad = new ArrayList<>();
      bad.add(new Frame("T", new byte[] {0x0a, (byte) 0xff, (byte) 0xff})); // truncated field
      bad.add(new Frame("Q", new byte[0])); // no such message
      bad.add( // an update with both a delta and a payload
          new Frame(
              "U",
              Update.newBuilder()
                  .setDelta(v)
                  .setPayload(Payload.newBuilder().setDim(1))
                  .build()
                  .toByteArray()));
      bad.add(new Frame("U", new byte[] {0x1a, 0x05, 0x08})); // a delta longer than the frame
      for (Frame f : bad) {
        remoteNode.tell(f);
      }
      remoteNode.tell(new Frame("S", new byte[0])); // a good Stop after the bad ones

      node.expectMessage(Duration.ofSeconds(20), WorkerProtocol.Stop.INSTANCE);
      node.expectNoMessage(Duration.ofMillis(200));
      List<String> logged = new ArrayList<>();
      while (logged.stream().filter(m -> m.contains("Failed to deserialize")).count()
          < bad.size()) {
        Logging.Error e = errors.receiveMessage(Duration.ofSeconds(5));
        logged.add(e.message() + " " + e.cause().getMessage());
      }
      assertThat(String.join("\n", logged))
          .contains("malformed T message")
          .contains("unknown manifest 'Q'")
          .contains("exactly one of delta and payload");
      ProtobufSerializer s =
          (ProtobufSerializer)
              SerializationExtension.get(Adapter.toClassic(receiver.system()))
                  .serializerByIdentity()
                  .apply(ProtobufSerializer.IDENTIFIER);
      assertThat(s.messagesRead()).isEqualTo(bad.size() + 1);
      assertThat(receiver.system().whenTerminated().isCompleted()).isFalse();
    } finally {
      sender.shutdownTestKit();
      receiver.shutdownTestKit();
    }
  }
}
