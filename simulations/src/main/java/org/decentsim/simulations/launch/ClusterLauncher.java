package org.decentsim.simulations.launch;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.serialization.SerializationExtension;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.decentsim.coordinator.actor.Coordinator;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.node.client.Federation;
import org.decentsim.node.worker.ClusterNode;
import org.decentsim.proto.ProtobufSerializer;
import org.decentsim.proto.codec.VectorCodec;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioLoader;

/**
 * Runs a scenario on an Akka Cluster (DESIGN.md §7): the coordinator's node ({@link #run}) and
 * worker nodes ({@link #startNode}) over Artery TCP (or TLS), with the protobuf serializer only.
 */
public final class ClusterLauncher {
  private ClusterLauncher() {}

  /** The actor system name every node of a decentsim cluster uses. */
  public static final String SYSTEM = "decentsim";

  /** The coordinator's default port. */
  public static final int DEFAULT_PORT = 25520;

  /** The largest message Artery carries between nodes, bytes. */
  public static final int MAX_FRAME_BYTES = 8 << 20;

  /**
   * Artery TLS settings: PKCS12 (or JKS) key and trust stores, one password for both and the key.
   */
  public record Tls(Path keyStore, Path trustStore, String password) {}

  /**
   * Where a node listens and whom it joins.
   *
   * @param hostname the address other nodes reach this one at (default 127.0.0.1)
   * @param port this node's port; 0 picks a free one
   * @param seedNodes {@code host:port} of the nodes to join (the first one starts the cluster)
   * @param tlsOrNull TLS settings, or null for plain TCP
   * @param downAfter how long a node may stay unreachable before it is downed
   */
  public record Network(
      String hostname, int port, List<String> seedNodes, Tls tlsOrNull, Duration downAfter) {}

  /**
   * A coordinator's cluster run.
   *
   * @param expectNodes worker nodes to wait for and use
   * @param keepNodes leave the worker nodes running after the run
   * @param joinTimeout how long to wait for the worker nodes
   * @param workersPerNode Worker actors per node (0: each node's default, eight per thread)
   */
  public record Coordination(
      Network network,
      int expectNodes,
      boolean keepNodes,
      Duration joinTimeout,
      int workersPerNode) {}

  /**
   * What a cluster run produced: its outcome and the protobuf traffic of the coordinator's node
   * (every message between the coordinator and the workers crosses it once).
   */
  public record Result(
      Outcome outcome,
      long bytesSent,
      long bytesReceived,
      long messagesSent,
      long messagesReceived) {

    /** Bytes both ways per simulated event, or NaN when no event ran. */
    public double bytesPerEvent() {
      long events =
          outcome.rows().isEmpty() ? 0 : outcome.rows().get(outcome.rows().size() - 1).events();
      return events == 0 ? Double.NaN : (double) (bytesSent + bytesReceived) / events;
    }
  }

  /** {@code akka://decentsim@host:port} for {@code host:port} (a full address is kept as it is). */
  public static String seedAddress(String hostPort) {
    String s = hostPort.strip();
    if (s.startsWith("akka://")) {
      return s;
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in '" + hostPort + "'");
    }
    return "akka://" + SYSTEM + "@" + s.substring(0, colon) + ":" + port;
  }

  /** Akka settings for a cluster node with role {@code role}. */
  public static Config akkaConfig(Network n, String role, int threads, boolean serializeMessages) {
    List<String> seeds = new ArrayList<>();
    for (String s : n.seedNodes()) {
      seeds.add(seedAddress(s));
    }
    Config c =
        ConfigFactory.parseString(
                "akka.actor.provider = cluster\n"
                    + "akka.remote.artery.transport = "
                    + (n.tlsOrNull() == null ? "tcp" : "tls-tcp")
                    + "\n"
                    + "akka.remote.artery.advanced.maximum-frame-size = "
                    + MAX_FRAME_BYTES
                    + "\n"
                    + "akka.cluster.downing-provider-class = \"\"\n"
                    + "akka.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                    + "akka.cluster.log-info-verbose = off\n"
                    + "akka.coordinated-shutdown.run-by-actor-system-terminate = on\n"
                    // leaving a cluster whose other nodes are gone must not hold the exit for long
                    + "akka.coordinated-shutdown.phases.cluster-leave.timeout = 3 s\n"
                    + "akka.coordinated-shutdown.phases.cluster-exiting.timeout = 3 s\n")
            .withValue(
                "akka.remote.artery.canonical.hostname",
                ConfigValueFactory.fromAnyRef(n.hostname()))
            .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(n.port()))
            .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
            .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)));
    if (n.tlsOrNull() != null) {
      Tls t = n.tlsOrNull();
      String p = "akka.remote.artery.ssl.config-ssl-engine.";
      c =
          c.withValue(p + "key-store", ConfigValueFactory.fromAnyRef(t.keyStore().toString()))
              .withValue(
                  p + "trust-store", ConfigValueFactory.fromAnyRef(t.trustStore().toString()))
              .withValue(p + "key-store-password", ConfigValueFactory.fromAnyRef(t.password()))
              .withValue(p + "key-password", ConfigValueFactory.fromAnyRef(t.password()))
              .withValue(p + "trust-store-password", ConfigValueFactory.fromAnyRef(t.password()))
              .withValue(p + "protocol", ConfigValueFactory.fromAnyRef("TLSv1.2"))
              .withValue(
                  p + "enabled-algorithms",
                  ConfigValueFactory.fromIterable(
                      List.of(
                          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")))
              .withValue(p + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true));
    }
    return c.withFallback(LocalLauncher.akkaConfig(threads, serializeMessages))
        .withValue("akka.actor.provider", ConfigValueFactory.fromAnyRef("cluster"));
  }

  /** Starts a worker node: it joins the seed nodes and hosts clients when a coordinator asks. */
  public static WorkerNode startNode(Network n, int threads, boolean serializeMessages) {
    Behavior<NodeProtocol.Command> root =
        ClusterNode.create(
            ClusterLauncher::buildFederation, LocalLauncher.workersFor(threads), n.downAfter());
    return new WorkerNode(
        ActorSystem.create(
            root, SYSTEM, akkaConfig(n, ClusterNode.WORKER_ROLE, threads, serializeMessages)));
  }

  private static Federation buildFederation(String scenarioText) throws Exception {
    return ScenarioBuilder.build(
            ScenarioLoader.loadText(scenarioText, "the coordinator's scenario"))
        .federation();
  }

  /**
   * Runs a prepared run as the coordinator of a cluster and returns its outcome.
   *
   * @param scenarioText the resolved scenario the worker nodes build their clients from
   * @throws Coordinator.ClusterException when the run cannot start (nodes missing, data differs)
   */
  public static Result run(
      Scenario.Run run,
      String scenarioText,
      Coordination c,
      int threads,
      boolean serializeMessages) {
    Federation fed = run.federation();
    long modelBytes = VectorCodec.denseFieldBytes(4, fed.modelDim());
    if (modelBytes > MAX_FRAME_BYTES - 64 * 1024) {
      throw new Coordinator.ClusterException(
          String.format(
              Locale.ROOT,
              "a model of %d coordinates takes %d bytes per message; cluster mode carries at most"
                  + " %d",
              fed.modelDim(),
              modelBytes,
              MAX_FRAME_BYTES - 64 * 1024));
    }
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    Coordinator.ClusterPlan plan =
        new Coordinator.ClusterPlan(
            Long.toHexString(System.nanoTime()),
            scenarioText,
            c.expectNodes(),
            c.workersPerNode(),
            c.keepNodes(),
            c.joinTimeout(),
            c.network().downAfter(),
            fed::fingerprint,
            done::completeExceptionally);
    int clients = fed.clients();
    Behavior<Void> root =
        Behaviors.setup(
            ctx -> {
              ctx.spawn(
                  Coordinator.cluster(run.simulation(), clients, plan, done::complete),
                  "coordinator");
              return Behaviors.empty();
            });
    ActorSystem<Void> system =
        ActorSystem.create(
            root,
            SYSTEM,
            akkaConfig(c.network(), ClusterNode.COORDINATOR_ROLE, threads, serializeMessages));
    try {
      Outcome o = done.get();
      ProtobufSerializer s =
          (ProtobufSerializer)
              SerializationExtension.get(Adapter.toClassic(system))
                  .serializerByIdentity()
                  .apply(ProtobufSerializer.IDENTIFIER);
      return new Result(o, s.bytesWritten(), s.bytesRead(), s.messagesWritten(), s.messagesRead());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
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
}
