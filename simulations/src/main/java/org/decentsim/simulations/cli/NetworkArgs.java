package org.decentsim.simulations.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.simulations.launch.ClusterLauncher;
import org.decentsim.simulations.launch.LocalCluster;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Option;

/** Where a cluster node listens, whom it joins, TLS and downing: shared by run and node. */
final class NetworkArgs {
  @Option(
      names = "--hostname",
      paramLabel = "HOST",
      description =
          "the address other nodes reach this one at (default: 127.0.0.1, this machine only);"
              + " set it to use a network")
  String hostname;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "this node's port (default: 25520 for the coordinator, a free one for a node)")
  Integer port;

  @Option(
      names = "--seed-nodes",
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "nodes to join, comma-separated; the first one starts the cluster (default for the"
              + " coordinator: itself)")
  List<String> seedNodes;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "use TLS (Artery tls-tcp) with this PKCS12 key store; needs --tls-truststore and the"
              + " password in $"
              + LocalCluster.TLS_PASSWORD_ENV)
  Path tlsKeyStore;

  @Option(
      names = "--tls-truststore",
      paramLabel = "FILE",
      description = "the PKCS12 trust store holding the certificates of the other nodes")
  Path tlsTrustStore;

  @Option(
      names = "--down-after",
      paramLabel = "SECONDS",
      description =
          "a node unreachable this long is downed; the coordinator then moves its clients"
              + " (default: 10)")
  Double downAfter;

  /** True when any option was given. */
  boolean any() {
    return hostname != null
        || port != null
        || seedNodes != null
        || tlsKeyStore != null
        || tlsTrustStore != null
        || downAfter != null;
  }

  /**
   * The settings, checked.
   *
   * @param defaultPort the port when --port is not given
   * @param selfSeed when no --seed-nodes are given, join this node itself (the coordinator)
   */
  ClusterLauncher.Network network(int defaultPort, boolean selfSeed) throws ScenarioException {
    String host = hostname == null ? "127.0.0.1" : hostname.strip();
    if (host.isEmpty()) {
      throw new ScenarioException("--hostname: empty");
    }
    int p = port == null ? defaultPort : port;
    if (p < 0 || p > 65535) {
      throw new ScenarioException("--port " + p + ": must be between 0 and 65535");
    }
    List<String> seeds = new ArrayList<>();
    if (seedNodes == null || seedNodes.isEmpty()) {
      if (!selfSeed) {
        throw new ScenarioException(
            "--seed-nodes is required: the coordinator's host:port, e.g. --seed-nodes"
                + " 127.0.0.1:"
                + ClusterLauncher.DEFAULT_PORT);
      }
      if (p == 0) {
        throw new ScenarioException("--port 0: the coordinator needs a fixed port to be a seed");
      }
      seeds.add(host + ":" + p);
    } else {
      for (String s : seedNodes) {
        try {
          ClusterLauncher.seedAddress(s);
        } catch (IllegalArgumentException e) {
          throw new ScenarioException("--seed-nodes " + s + ": " + e.getMessage());
        }
        seeds.add(s.strip());
      }
    }
    double down = downAfter == null ? 10 : downAfter;
    if (!(down > 0) || Double.isInfinite(down)) {
      throw new ScenarioException("--down-after " + down + ": must be > 0 seconds");
    }
    return new ClusterLauncher.Network(
        host, p, seeds, tls(tlsKeyStore, tlsTrustStore), Duration.ofMillis((long) (down * 1000)));
  }

  /** TLS settings from the two stores and the password variable, or null when neither is set. */
  static ClusterLauncher.Tls tls(Path keyStore, Path trustStore) throws ScenarioException {
    if (keyStore == null && trustStore == null) {
      return null;
    }
    if (keyStore == null || trustStore == null) {
      throw new ScenarioException("TLS needs both --tls-keystore and --tls-truststore");
    }
    for (Path f : List.of(keyStore, trustStore)) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new ScenarioException(f + ": not a readable file (TLS store)");
      }
    }
    String password = System.getenv(LocalCluster.TLS_PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new ScenarioException(
          "TLS: set the store password in the environment variable "
              + LocalCluster.TLS_PASSWORD_ENV
              + " (it is not taken on the command line, where other users could read it)");
    }
    return new ClusterLauncher.Tls(
        keyStore.toAbsolutePath(), trustStore.toAbsolutePath(), password);
  }
}
