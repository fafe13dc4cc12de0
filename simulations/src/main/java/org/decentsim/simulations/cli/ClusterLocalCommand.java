package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.decentsim.simulations.launch.ClusterLauncher;
import org.decentsim.simulations.launch.LocalCluster;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.run.Runner;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decentsim cluster-local}: cluster mode on one machine, with worker JVMs on 127.0.0.1 that
 * are cleaned up at the end whatever happens.
 */
@Command(
    name = "cluster-local",
    mixinStandardHelpOptions = true,
    description =
        "Runs a scenario on a cluster of --nodes worker JVMs plus this one as the coordinator, all"
            + " on 127.0.0.1: for trying cluster mode on one machine. The nodes log to"
            + " node-K.log in the run directory and are stopped at the end, on Ctrl-C and on"
            + " failure.",
    footer = {
      "",
      "Examples:",
      "  decentsim cluster-local config/quickstart.conf --nodes 2",
      "",
      "The digest equals the one of 'decentsim run' with the same scenario."
    })
final class ClusterLocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      required = true,
      description = "worker JVMs to start")
  int nodes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "dispatcher threads of each JVM (default: the number of cores)")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "run directory (default: <output.dir>/<name>-<timestamp>)")
  Path out;

  @Option(names = "--quiet", description = "no progress lines")
  boolean quiet;

  @Option(names = "--verbose", description = "print stack traces of internal errors")
  boolean verbose;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "use TLS between the JVMs with this PKCS12 key store (password in $"
              + LocalCluster.TLS_PASSWORD_ENV
              + ")")
  Path tlsKeyStore;

  @Option(names = "--tls-truststore", paramLabel = "FILE", description = "the PKCS12 trust store")
  Path tlsTrustStore;

  @Option(
      names = "--down-after",
      paramLabel = "SECONDS",
      description = "a node unreachable this long is downed and replaced (default: 10)")
  Double downAfter;

  @Option(
      names = "--join-timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for the nodes (default: 60)")
  Double joinTimeout;

  @Mixin RealtimeArgs realtime;

  @Override
  public Integer call() {
    return RunCommand.execute(
        args,
        out,
        quiet,
        verbose,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        (progress, terminal) -> {
          if (nodes < 1 || nodes > 64) {
            throw new ScenarioException("--nodes " + nodes + ": must be between 1 and 64");
          }
          int n = Options.threads(threads);
          NetworkArgs net = new NetworkArgs();
          net.downAfter = downAfter;
          net.tlsKeyStore = tlsKeyStore;
          net.tlsTrustStore = tlsTrustStore;
          int port;
          try {
            port = LocalCluster.freePort();
          } catch (IOException e) {
            throw new ScenarioException("cannot find a free port on 127.0.0.1: " + e.getMessage());
          }
          net.port = port;
          net.seedNodes = List.of("127.0.0.1:" + port);
          ClusterLauncher.Network network = net.network(port, true);
          ClusterLauncher.Coordination c =
              new ClusterLauncher.Coordination(
                  network, nodes, false, RunCommand.joinTimeout(joinTimeout), 0);
          Runner.ClusterRun cluster =
              (run, text, dir) -> {
                try (LocalCluster lc =
                    LocalCluster.start(
                        nodes, port, n, network.downAfter(), network.tlsOrNull(), dir)) {
                  if (progress != null) {
                    progress.println(
                        "decentsim: started "
                            + lc.processes().size()
                            + " worker JVM(s); their logs are node-K.log in "
                            + dir);
                    progress.flush();
                  }
                  return ClusterLauncher.run(run, text, c, n, false);
                } catch (IOException e) {
                  throw new UncheckedIOException("cannot start the node JVMs", e);
                }
              };
          return new Runner.Options(
              LocalLauncher.Engine.ACTOR,
              n,
              progress,
              terminal,
              Double.POSITIVE_INFINITY,
              cluster,
              realtime.scale());
        });
  }
}
