package org.decentsim.proto;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import org.decentsim.proto.codec.PayloadCodec;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.decentsim.proto.wire.Fault;
import org.decentsim.proto.wire.Stop;
import org.decentsim.proto.wire.Train;
import org.decentsim.proto.wire.Update;
import org.decentsim.proto.wire.WorkerReady;

/**
 * The only serializer bound for decentsim messages: maps each protocol record to its protobuf
 * message (decentsim.proto). Actor references travel as Akka's serialization-format strings.
 *
 * <p>Unknown manifests and malformed bytes raise {@link NotSerializableException}, which Akka logs
 * and drops for that one message; the receiving node keeps running.
 */
public final class ProtobufSerializer extends SerializerWithStringManifest {
  /** The serializer id registered with Akka (must be unique in the system). */
  public static final int IDENTIFIER = 4_242_001;

  static final String TRAIN = "T";
  static final String UPDATE = "U";
  static final String WORKER_READY = "R";
  static final String FAULT = "F";
  static final String STOP = "S";

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  public ProtobufSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof WorkerProtocol.Train) {
      return TRAIN;
    } else if (o instanceof CoordinatorProtocol.Update) {
      return UPDATE;
    } else if (o instanceof CoordinatorProtocol.WorkerReady) {
      return WORKER_READY;
    } else if (o instanceof CoordinatorProtocol.Fault) {
      return FAULT;
    } else if (o instanceof WorkerProtocol.Stop) {
      return STOP;
    }
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof WorkerProtocol.Train t) {
      Train.Builder b =
          Train.newBuilder()
              .setClientId(t.clientId())
              .setEventSeq(t.eventSeq())
              .setModelVersion(t.modelVersion())
              .setLocalSteps(t.localSteps())
              .setReplyTo(resolver().toSerializationFormat(t.replyTo()));
      if (t.model() != null) {
        b.setModel(VectorCodec.encode(t.model()));
      } else {
        b.setModelPayload(PayloadCodec.toWire(t.modelPayload()));
      }
      return b.build().toByteArray();
    } else if (o instanceof CoordinatorProtocol.Update u) {
      Update.Builder b =
          Update.newBuilder()
              .setClientId(u.clientId())
              .setEventSeq(u.eventSeq())
              .setLocalSteps(u.localSteps())
              .setSamples(u.samples())
              .setLocalLoss(u.localLoss());
      if (u.delta() != null) {
        b.setDelta(VectorCodec.encode(u.delta()));
      } else {
        b.setPayload(PayloadCodec.toWire(u.payload()));
      }
      return b.build().toByteArray();
    } else if (o instanceof CoordinatorProtocol.WorkerReady r) {
      return WorkerReady.newBuilder()
          .setWorker(resolver().toSerializationFormat(r.worker()))
          .setFirst(r.first())
          .setStride(r.stride())
          .setCount(r.count())
          .build()
          .toByteArray();
    } else if (o instanceof CoordinatorProtocol.Fault f) {
      return Fault.newBuilder()
          .setClientId(f.clientId())
          .setEventSeq(f.eventSeq())
          .setReason(f.reason())
          .build()
          .toByteArray();
    } else if (o instanceof WorkerProtocol.Stop) {
      return Stop.getDefaultInstance().toByteArray();
    }
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      switch (manifest) {
        case TRAIN -> {
          Train t = Train.parseFrom(bytes);
          if (t.hasModel() == t.hasModelPayload()) {
            throw new IllegalArgumentException("a Train needs exactly one of model and payload");
          }
          ActorRef<CoordinatorProtocol.Command> replyTo =
              resolver().resolveActorRef(t.getReplyTo());
          return new WorkerProtocol.Train(
              t.getClientId(),
              t.getEventSeq(),
              t.getModelVersion(),
              t.hasModel() ? VectorCodec.decode(t.getModel()) : null,
              t.hasModelPayload() ? PayloadCodec.fromWire(t.getModelPayload()) : null,
              t.getLocalSteps(),
              replyTo);
        }
        case UPDATE -> {
          Update u = Update.parseFrom(bytes);
          if (u.hasDelta() == u.hasPayload()) {
            throw new IllegalArgumentException("an update needs exactly one of delta and payload");
          }
          return new CoordinatorProtocol.Update(
              u.getClientId(),
              u.getEventSeq(),
              u.hasDelta() ? VectorCodec.decode(u.getDelta()) : null,
              u.hasPayload() ? PayloadCodec.fromWire(u.getPayload()) : null,
              u.getLocalSteps(),
              u.getSamples(),
              u.getLocalLoss());
        }
        case WORKER_READY -> {
          WorkerReady r = WorkerReady.parseFrom(bytes);
          ActorRef<WorkerProtocol.Command> worker = resolver().resolveActorRef(r.getWorker());
          return new CoordinatorProtocol.WorkerReady(
              worker, r.getFirst(), r.getStride(), r.getCount());
        }
        case FAULT -> {
          Fault f = Fault.parseFrom(bytes);
          return new CoordinatorProtocol.Fault(f.getClientId(), f.getEventSeq(), f.getReason());
        }
        case STOP -> {
          Stop.parseFrom(bytes);
          return WorkerProtocol.Stop.INSTANCE;
        }
        default -> throw new NotSerializableException("unknown manifest '" + manifest + "'");
      }
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      NotSerializableException n =
          new NotSerializableException("malformed " + manifest + " message: " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}
