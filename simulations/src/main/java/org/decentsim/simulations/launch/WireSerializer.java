package org.decentsim.simulations.launch;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.serialization.SerializationExtension;
import akka.serialization.SerializerWithStringManifest;
import java.io.NotSerializableException;
import org.decentsim.proto.ProtobufSerializer;
import org.decentsim.proto.protocol.CoordinatorProtocol;

/**
 * The serializer a cluster uses for decentsim's messages, in an actor system of its own and outside
 * any run: what {@code SerializationBenchmark} measures. Close it when done.
 */
public final class WireSerializer implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final SerializerWithStringManifest serializer;
  private final ActorRef<CoordinatorProtocol.Command> coordinator;

  public WireSerializer() {
    system = ActorSystem.create(Behaviors.empty(), "wire-serializer");
    coordinator = system.systemActorOf(Behaviors.empty(), "coordinator", Props.empty());
    serializer =
        (SerializerWithStringManifest)
            SerializationExtension.get(Adapter.toClassic(system))
                .serializerByIdentity()
                .apply(ProtobufSerializer.IDENTIFIER);
  }

  /** A reference to an actor of this system, to stand for the coordinator in messages. */
  public ActorRef<CoordinatorProtocol.Command> coordinator() {
    return coordinator;
  }

  /** The manifest that goes with {@code message} on the wire. */
  public String manifest(Object message) {
    return serializer.manifest(message);
  }

  /** The message's bytes, as the sender's serializer writes them. */
  public byte[] write(Object message) {
    return serializer.toBinary(message);
  }

  /** The message the receiver's serializer makes of {@code bytes}. */
  public Object read(byte[] bytes, String manifest) throws NotSerializableException {
    return serializer.fromBinary(bytes, manifest);
  }

  @Override
  public void close() {
    system.terminate();
  }
}
