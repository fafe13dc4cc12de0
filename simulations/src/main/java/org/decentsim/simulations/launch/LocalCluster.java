package org.decentsim.simulations.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Worker-node JVMs on 127.0.0.1 for {@code decentsim cluster-local}: started with this JVM's
 * classpath, logging to files, and stopped on {@link #close} whatever happened (they also stop by
 * themselves when this JVM ends, even if it is killed).
 */
public final class LocalCluster implements AutoCloseable {
  /** The environment variable holding the TLS password, passed on to the nodes. */
  public static final String TLS_PASSWORD_ENV = "DECENTSIM_TLS_PASSWORD";

  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final Thread hook;

  private LocalCluster() {
    this.hook = new Thread(this::destroyAll, "decentsim-cluster-local-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code nodes} worker JVMs that join the seed at {@code 127.0.0.1:seedPort}.
   *
   * @param logDir where each node writes {@code node-K.log}
   * @param tlsOrNull the stores to use (the password goes through {@value #TLS_PASSWORD_ENV})
   */
  public static LocalCluster start(
      int nodes,
      int seedPort,
      int threadsPerNode,
      Duration downAfter,
      ClusterLauncher.Tls tlsOrNull,
      Path logDir)
      throws IOException {
    LocalCluster lc = new LocalCluster();
    try {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (int k = 0; k < nodes; k++) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.decentsim.simulations.cli.Main");
        cmd.add("node");
        cmd.add("--role=worker");
        cmd.add("--seed-nodes=127.0.0.1:" + seedPort);
        cmd.add("--hostname=127.0.0.1");
        cmd.add("--port=0");
        cmd.add("--threads=" + threadsPerNode);
        cmd.add("--down-after=" + downAfter.toMillis() / 1000.0);
        cmd.add("--parent-pid=" + ProcessHandle.current().pid());
        if (tlsOrNull != null) {
          cmd.add("--tls-keystore=" + tlsOrNull.keyStore());
          cmd.add("--tls-truststore=" + tlsOrNull.trustStore());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (tlsOrNull != null) {
          pb.environment().put(TLS_PASSWORD_ENV, tlsOrNull.password());
        }
        Path log = logDir.resolve("node-" + k + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        lc.processes.add(pb.start());
        lc.logs.add(log);
      }
      return lc;
    } catch (IOException | RuntimeException e) {
      lc.close();
      throw e;
    }
  }

  /** The node processes, in start order. */
  public List<Process> processes() {
    return List.copyOf(processes);
  }

  /** The nodes' log files, in start order. */
  public List<Path> logs() {
    return List.copyOf(logs);
  }

  /**
   * Waits up to 20 s for the nodes to stop (the coordinator tells them to), then kills what is
   * left.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (Process p : processes) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it destroys the processes itself
    }
  }

  private void destroyAll() {
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
