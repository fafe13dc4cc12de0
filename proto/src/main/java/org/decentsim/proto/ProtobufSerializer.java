package org.decentsim.proto;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import java.io.NotSerializableException;
import java.util.concurrent.atomic.LongAdder;
import org.decentsim.proto.codec.PayloadCodec;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.decentsim.proto.wire.Adopt;
import org.decentsim.proto.wire.Assign;
import org.decentsim.proto.wire.EndRun;
import org.decentsim.proto.wire.Fault;
import org.decentsim.proto.wire.NodeFailed;
import org.decentsim.proto.wire.NodeReady;
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
 *
 * <p>Each instance counts the bytes it wrote and read ({@link #bytesWritten}, {@link #bytesRead}):
 * in cluster mode every message crossing a JVM boundary passes through one of them exactly once on
 * each side.
 */
public final class ProtobufSerializer extends SerializerWithStringManifest {
  /** The serializer id registered with Akka (must be unique in the system). */
  public static final int IDENTIFIER = 4_242_001;

  static final String TRAIN = "T";
  static final String UPDATE = "U";
  static final String WORKER_READY = "R";
  static final String FAULT = "F";
  static final String STOP = "S";
  static final String ASSIGN = "A";
  static final String ADOPT = "D";
  static final String END_RUN = "E";
  static final String NODE_READY = "N";
  static final String NODE_FAILED = "X";

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;
  private final LongAdder written = new LongAdder();
  private final LongAdder read = new LongAdder();
  private final LongAdder messagesWritten = new LongAdder();
  private final LongAdder messagesRead = new LongAdder();

  public ProtobufSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  /** An actor reference with its serialized form. */
  private record RefText(ActorRef<?> ref, String text) {}

  // the last reference written and read: every Train names the same coordinator, so its reference
  // is formatted and resolved once, not per event (resolving a remote reference parses its path)
  private volatile RefText lastWritten;
  private volatile RefText lastRead;

  private String format(ActorRef<?> ref) {
    RefText last = lastWritten;
    if (last != null && last.ref().equals(ref)) {
      return last.text();
    }
    String text = resolver().toSerializationFormat(ref);
    lastWritten = new RefText(ref, text);
    return text;
  }

  @SuppressWarnings("unchecked")
  private <T> ActorRef<T> resolve(String text) {
    RefText last = lastRead;
    if (last != null && last.text().equals(text)) {
      return (ActorRef<T>) last.ref();
    }
    ActorRef<T> ref = resolver().resolveActorRef(text);
    lastRead = new RefText(ref, text);
    return ref;
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

  /** Bytes of every message this serializer has written so far. */
  public long bytesWritten() {
    return written.sum();
  }

  /** Bytes of every message this serializer has read so far. */
  public long bytesRead() {
    return read.sum();
  }

  /** Messages written so far. */
  public long messagesWritten() {
    return messagesWritten.sum();
  }

  /** Messages read so far. */
  public long messagesRead() {
    return messagesRead.sum();
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
    } else if (o instanceof NodeProtocol.Assign) {
      return ASSIGN;
    } else if (o instanceof NodeProtocol.Adopt) {
      return ADOPT;
    } else if (o instanceof NodeProtocol.EndRun) {
      return END_RUN;
    } else if (o instanceof CoordinatorProtocol.NodeReady) {
      return NODE_READY;
    } else if (o instanceof CoordinatorProtocol.NodeFailed) {
      return NODE_FAILED;
    }
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    byte[] bytes = encode(o);
    written.add(bytes.length);
    messagesWritten.increment();
    return bytes;
  }

  private byte[] encode(Object o) {
    if (o instanceof WorkerProtocol.Train t) {
      Train.Builder b =
          Train.newBuilder()
              .setClientId(t.clientId())
              .setEventSeq(t.eventSeq())
              .setModelVersion(t.modelVersion())
              .setDueTime(t.dueTime())
              .setLocalSteps(t.localSteps())
              .setReplyTo(format(t.replyTo()));
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
          .setWorker(format(r.worker()))
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
    } else if (o instanceof NodeProtocol.Assign a) {
      return Assign.newBuilder()
          .setRunId(a.runId())
          .setScenario(a.scenario())
          .setNodeIndex(a.nodeIndex())
          .setNodes(a.nodes())
          .setWorkers(a.workers())
          .setCoordinator(format(a.coordinator()))
          .setKeep(a.keep())
          .build()
          .toByteArray();
    } else if (o instanceof NodeProtocol.Adopt a) {
      return Adopt.newBuilder()
          .setRunId(a.runId())
          .setFirst(a.first())
          .setStride(a.stride())
          .setCount(a.count())
          .build()
          .toByteArray();
    } else if (o instanceof NodeProtocol.EndRun e) {
      return EndRun.newBuilder()
          .setRunId(e.runId())
          .setShutdown(e.shutdown())
          .build()
          .toByteArray();
    } else if (o instanceof CoordinatorProtocol.NodeReady r) {
      return NodeReady.newBuilder()
          .setRunId(r.runId())
          .setNode(format(r.node()))
          .setFingerprint(r.fingerprint())
          .setClients(r.clients())
          .build()
          .toByteArray();
    } else if (o instanceof CoordinatorProtocol.NodeFailed f) {
      return NodeFailed.newBuilder()
          .setRunId(f.runId())
          .setNode(format(f.node()))
          .setReason(f.reason())
          .build()
          .toByteArray();
    }
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  /**
   * Parses {@code bytes} with bytes fields that share the array instead of copying it: the model
   * and update values are decoded into arrays of their own at once, and nothing else holds {@code
   * bytes}.
   */
  private static <T> T parseAliasing(Parser<T> parser, byte[] bytes)
      throws InvalidProtocolBufferException {
    // protobuf aliases only a buffer it may treat as immutable, hence the wrap
    CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
    in.enableAliasing(true);
    return parser.parseFrom(in);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    read.add(bytes.length);
    messagesRead.increment();
    try {
      switch (manifest) {
        case TRAIN -> {
          Train t = parseAliasing(Train.parser(), bytes);
          if (t.hasModel() == t.hasModelPayload()) {
            throw new IllegalArgumentException("a Train needs exactly one of model and payload");
          }
          ActorRef<CoordinatorProtocol.Command> replyTo = resolve(t.getReplyTo());
          return new WorkerProtocol.Train(
              t.getClientId(),
              t.getEventSeq(),
              t.getModelVersion(),
              t.getDueTime(),
              t.hasModel() ? VectorCodec.decode(t.getModel()) : null,
              t.hasModelPayload() ? PayloadCodec.fromWire(t.getModelPayload()) : null,
              t.getLocalSteps(),
              replyTo);
        }
        case UPDATE -> {
          Update u = parseAliasing(Update.parser(), bytes);
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
          ActorRef<WorkerProtocol.Command> worker = resolve(r.getWorker());
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
        case ASSIGN -> {
          Assign a = Assign.parseFrom(bytes);
          ActorRef<CoordinatorProtocol.Command> coordinator = resolve(a.getCoordinator());
          return new NodeProtocol.Assign(
              a.getRunId(),
              a.getScenario(),
              a.getNodeIndex(),
              a.getNodes(),
              a.getWorkers(),
              coordinator,
              a.getKeep());
        }
        case ADOPT -> {
          Adopt a = Adopt.parseFrom(bytes);
          return new NodeProtocol.Adopt(a.getRunId(), a.getFirst(), a.getStride(), a.getCount());
        }
        case END_RUN -> {
          EndRun e = EndRun.parseFrom(bytes);
          return new NodeProtocol.EndRun(e.getRunId(), e.getShutdown());
        }
        case NODE_READY -> {
          NodeReady r = NodeReady.parseFrom(bytes);
          ActorRef<NodeProtocol.Command> node = resolve(r.getNode());
          return new CoordinatorProtocol.NodeReady(
              r.getRunId(), node, r.getFingerprint(), r.getClients());
        }
        case NODE_FAILED -> {
          NodeFailed f = NodeFailed.parseFrom(bytes);
          ActorRef<NodeProtocol.Command> node = resolve(f.getNode());
          return new CoordinatorProtocol.NodeFailed(f.getRunId(), node, f.getReason());
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
