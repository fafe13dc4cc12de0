package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.decentsim.simulations.launch.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end on 127.0.0.1 (DESIGN.md §7): worker JVMs started as a user would, the
 * coordinator through the CLI, the same digests as in one JVM, and a worker killed mid-run.
 */
class ClusterIT {
  @TempDir Path dir;

  private static final String FEDBUFF = "config/cluster/fedbuff-topk.conf";
  private static final String TOKENS = "config/cluster/srrw-tokens.conf";

  private String oneJvmDigest(String scenario, String... sets) {
    List<String> args = new ArrayList<>(List.of("run", scenario, "--quiet", "--out"));
    args.add(dir.resolve("local-" + Path.of(scenario).getFileName()).toString());
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    Cli c = Cli.run(args.toArray(String[]::new));
    assertThat(c.code()).as(c.err()).isZero();
    return c.digest();
  }

  /**
   * Three JVMs: this one as the coordinator and two worker nodes. Both runs use the same nodes: the
   * first keeps them (--keep-nodes) and the second, joining through a node, lets them stop.
   */
  @Test
  void threeJvms_fedBuffTopKAndTwoSrrwTokens_sameDigestsAsOneJvm() throws Exception {
    int first = LocalCluster.freePort();
    int second = LocalCluster.freePort();
    // a node started as its own seed forms the cluster; the other node and both coordinators join
    // it
    Process seed = startNode("--port=" + first, "--seed-nodes=127.0.0.1:" + first);
    Process other = startNode("--port=" + second, "--seed-nodes=127.0.0.1:" + first);
    try {
      Cli fedbuff =
          Cli.run(
              "run",
              FEDBUFF,
              "--cluster",
              "--port=0",
              "--seed-nodes=127.0.0.1:" + first,
              "--expect-nodes=2",
              "--keep-nodes",
              "--quiet",
              "--out",
              dir.resolve("fedbuff").toString());
      assertThat(fedbuff.code()).as(fedbuff.err()).isZero();
      assertThat(seed.isAlive()).as("kept after the first run").isTrue();
      assertThat(other.isAlive()).as("kept after the first run").isTrue();
      Cli tokens =
          Cli.run(
              "run",
              TOKENS,
              "--cluster",
              "--port=0",
              "--seed-nodes=127.0.0.1:" + first,
              "--expect-nodes=2",
              "--quiet",
              "--out",
              dir.resolve("tokens").toString());
      assertThat(tokens.code()).as(tokens.err()).isZero();
      assertThat(seed.waitFor(30, TimeUnit.SECONDS)).as("stops after the last run").isTrue();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("stops after the last run").isTrue();

      assertThat(fedbuff.digest()).isEqualTo(oneJvmDigest(FEDBUFF));
      assertThat(tokens.digest()).isEqualTo(oneJvmDigest(TOKENS));
      assertThat(fedbuff.out()).contains("bytes per event");
      String summary = Files.readString(dir.resolve("fedbuff/summary.json"));
      assertThat(summary).contains("\"engine\": \"cluster\"").contains("\"wire_bytes_sent\"");
      String log = Files.readString(dir.resolve("node-a.log"));
      assertThat(log).contains("hosting 20 of 40 clients");
    } finally {
      seed.destroyForcibly();
      other.destroyForcibly();
    }
  }

  /**
   * A node whose copy of the data file differs (one label flipped) reports another fingerprint: the
   * coordinator refuses to start, names the node, and tells it to stop.
   */
  @Test
  void nodeWithDifferentDataFile_refusedBeforeTheRun() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/data"));
    List<String> rows = Files.readAllLines(Path.of("data/heart_scale"), StandardCharsets.UTF_8);
    rows.set(0, rows.get(0).startsWith("+1") ? "-1" + rows.get(0).substring(2) : rows.get(0));
    assertThat(rows.get(0)).startsWith("-1");
    Files.write(elsewhere.resolve("heart_scale"), rows, StandardCharsets.UTF_8);
    Cli c = refusedWithOneNodeIn(elsewhere.getParent(), "mismatch");
    assertThat(c.err())
        .contains("built different data")
        .contains("decentsim.data.path")
        .contains("127.0.0.1:");
  }

  /** A node that cannot build its clients (no data file there) says why; the run stops. */
  @Test
  void nodeWithoutTheDataFile_refusedWithItsReason_nodeStops() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli c = refusedWithOneNodeIn(empty, "missing");
    assertThat(c.err())
        .contains("cannot build its clients")
        .contains("decentsim.data.path: file not found: data/heart_scale");
  }

  /**
   * Runs config/heart-scale.conf in cluster mode with one node started in {@code nodeDir}: the run
   * must be refused as bad input (exit 2) and the node told to stop. Returns the run's output.
   */
  private Cli refusedWithOneNodeIn(Path nodeDir, String out) throws Exception {
    int port = LocalCluster.freePort();
    Process node = startNodeIn(nodeDir, "--seed-nodes=127.0.0.1:" + port);
    try {
      Cli c =
          Cli.run(
              "run",
              "config/heart-scale.conf",
              "--cluster",
              "--port=" + port,
              "--expect-nodes=1",
              "--quiet",
              "--out",
              dir.resolve(out).toString());
      assertThat(c.code()).as(c.out() + c.err()).isEqualTo(Main.BAD_INPUT);
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("the node is told to stop").isTrue();
      return c;
    } finally {
      node.destroyForcibly();
    }
  }

  private int nodeLogs;

  private Process startNode(String... args) throws IOException {
    return startNodeIn(Path.of("").toAbsolutePath(), args);
  }

  private Process startNodeIn(Path workingDir, String... args) throws IOException {
    List<String> cmd = javaMain();
    cmd.add("node");
    cmd.add("--role=worker");
    cmd.add("--threads=1");
    cmd.add("--parent-pid=" + ProcessHandle.current().pid());
    cmd.addAll(List.of(args));
    Path log = dir.resolve("node-" + (char) ('a' + nodeLogs++) + ".log");
    return new ProcessBuilder(cmd)
        .directory(workingDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * A worker JVM killed with SIGKILL mid-run: the coordinator downs it after --down-after, moves
   * its clients (and their jobs in flight) to the survivor, records the fault, and finishes the
   * run; every JVM is gone at the end.
   */
  @Test
  void killedWorkerJvm_runCompletes_faultRecorded_noProcessLeft() throws Exception {
    int port = LocalCluster.freePort();
    Path out = dir.resolve("killed");
    Files.createDirectories(out);
    LocalCluster nodes =
        LocalCluster.start(2, port, 1, Duration.ofSeconds(2), null, Files.createDirectories(out));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Cli> run =
          CompletableFuture.supplyAsync(
              () ->
                  Cli.run(
                      "run",
                      FEDBUFF,
                      "--set",
                      "decentsim.stop.virtual-time=40",
                      // EF21-P on the downlink too: both directions' state is reset and resynced
                      "--set",
                      "decentsim.compression.downlink.kind=top-k",
                      "--set",
                      "decentsim.compression.downlink.k-fraction=0.1",
                      "--set",
                      "decentsim.compression.downlink.error-feedback=ef21",
                      "--cluster",
                      "--port=" + port,
                      "--expect-nodes=2",
                      "--down-after=2",
                      "--quiet",
                      "--out",
                      out.toString()),
              pool);
      Path metrics = out.resolve("metrics.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rows(metrics) < 8 && !run.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(run.isDone()).as("the run must still be going when the node is killed").isFalse();
      Process victim = nodes.processes().get(1);
      victim.destroyForcibly(); // SIGKILL
      assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

      Cli c = run.get(120, TimeUnit.SECONDS);
      assertThat(c.code()).as(c.out() + c.err()).isZero();
      assertThat(c.out()).contains("status: finished").contains("warning:").contains("lost");
      String summary = Files.readString(out.resolve("summary.json"));
      assertThat(summary)
          .contains("\"status\": \"finished\"")
          .contains("unreachable for 2 s")
          .contains("re-created on 1 surviving node")
          .contains("uplink compression (ef21) state")
          .contains("downlink compression (ef21) state");
      List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
      int faults = List.of(lines.get(0).split(",")).indexOf("faults");
      String last = lines.get(lines.size() - 1);
      assertThat(Long.parseLong(last.split(",")[faults])).isEqualTo(1);
      assertThat(Double.parseDouble(last.split(",")[0])).isEqualTo(40.0);
      // the re-created clients' first messages reset both sides' EF21 state: training goes on
      int loss = List.of(lines.get(0).split(",")).indexOf("train_loss");
      assertThat(Double.parseDouble(last.split(",")[loss])).isLessThan(0.69);
      assertThat(nodes.processes().get(0).waitFor(30, TimeUnit.SECONDS))
          .as("the surviving node stops after the run")
          .isTrue();
    } finally {
      nodes.close();
      pool.shutdownNow();
    }
    for (Process p : nodes.processes()) {
      assertThat(p.isAlive()).isFalse();
    }
  }

  /**
   * The only worker JVM killed: the run ends with status failed and exit code 1, and keeps the
   * metrics, summary and plots recorded up to the loss.
   */
  @Test
  void lastWorkerJvmKilled_runFails_metricsKept() throws Exception {
    int port = LocalCluster.freePort();
    Path out = Files.createDirectories(dir.resolve("alone"));
    LocalCluster nodes = LocalCluster.start(1, port, 1, Duration.ofSeconds(1), null, out);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Cli> run =
          CompletableFuture.supplyAsync(
              () ->
                  Cli.run(
                      "run",
                      FEDBUFF,
                      "--set",
                      "decentsim.stop.virtual-time=1000",
                      "--cluster",
                      "--port=" + port,
                      "--expect-nodes=1",
                      "--down-after=1",
                      "--quiet",
                      "--out",
                      out.toString()),
              pool);
      Path metrics = out.resolve("metrics.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rows(metrics) < 4 && !run.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(run.isDone()).isFalse();
      nodes.processes().get(0).destroyForcibly();

      Cli c = run.get(60, TimeUnit.SECONDS);
      assertThat(c.code()).as(c.out() + c.err()).isEqualTo(1);
      assertThat(c.err()).contains("every worker node was lost");
      assertThat(Files.readString(out.resolve("summary.json")))
          .contains("\"status\": \"failed\"")
          .contains("no worker node is left");
      assertThat(rows(metrics)).isGreaterThanOrEqualTo(4);
    } finally {
      nodes.close();
      pool.shutdownNow();
    }
  }

  private static int rows(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return 0;
    }
    return Math.max(0, Files.readAllLines(csv, StandardCharsets.UTF_8).size() - 1);
  }

  /**
   * cluster-local over TLS (Artery tls-tcp) with key stores made by keytool: same digest as one
   * JVM. The coordinator runs as a separate JVM, since the password comes from its environment.
   */
  @Test
  void clusterLocal_overTls_sameDigestAsOneJvm() throws Exception {
    String password = "decentsim-test";
    Path ks = dir.resolve("node.p12");
    Path ts = dir.resolve("trust.p12");
    Path crt = dir.resolve("node.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "node",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=decentsim",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-alias",
        "node",
        "-keystore",
        ks.toString(),
        "-storepass",
        password,
        "-file",
        crt.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "node",
        "-file",
        crt.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        ts.toString(),
        "-storepass",
        password);

    Path out = dir.resolve("tls");
    Process p =
        decentsim(
            dir.resolve("tls-coordinator.log"),
            password,
            "cluster-local",
            TOKENS,
            "--nodes=1",
            "--tls-keystore=" + ks,
            "--tls-truststore=" + ts,
            "--quiet",
            "--out=" + out);
    Path log = dir.resolve("tls-coordinator.log");
    try {
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("cluster-local over TLS finishes").isTrue();
      String text = Files.readString(log);
      assertThat(p.exitValue()).as(text).isZero();
      String digest = text.substring(text.lastIndexOf("digest: ") + 8).strip();
      assertThat(digest).isEqualTo(oneJvmDigest(TOKENS));
      assertThat(Files.readString(out.resolve("node-0.log"))).contains("hosting 40 of 40");
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * SIGTERM (what Ctrl-C does) to cluster-local mid-run: the run stops as interrupted with its
   * metrics, and the coordinator and every node JVM are gone.
   */
  @Test
  void clusterLocal_terminated_stopsEveryJvm_keepsMetrics() throws Exception {
    Path out = dir.resolve("term");
    Process p =
        decentsim(
            dir.resolve("term.log"),
            null,
            "cluster-local",
            FEDBUFF,
            "--set=decentsim.stop.virtual-time=100000",
            "--nodes=2",
            "--threads=1",
            "--quiet",
            "--out=" + out);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rows(out.resolve("metrics.csv")) < 4 && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<ProcessHandle> jvms = new ArrayList<>(p.descendants().toList());
      assertThat(jvms).as("the two node JVMs").hasSize(2);
      jvms.add(p.toHandle());
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle h : jvms) {
        assertThat(h.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
      }
      assertThat(Files.readString(out.resolve("summary.json")))
          .contains("\"status\": \"interrupted\"");
      assertThat(rows(out.resolve("metrics.csv"))).isGreaterThanOrEqualTo(4);
    } finally {
      p.destroyForcibly();
    }
  }

  /** Runs the decentsim command line as its own JVM, output to {@code log}. */
  private static Process decentsim(Path log, String tlsPassword, String... args)
      throws IOException {
    List<String> cmd = javaMain();
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (tlsPassword != null) {
      pb.environment().put(LocalCluster.TLS_PASSWORD_ENV, tlsPassword);
    }
    return pb.redirectOutput(log.toFile()).start();
  }

  /** {@code java -cp <this classpath> <the CLI's main class>}. */
  private static List<String> javaMain() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    return cmd;
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
  }
}
