package org.decentsim.simulations.cli;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.decentsim.proto.protocol.NodeProtocol;
import org.decentsim.simulations.launch.ClusterLauncher;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code decentsim node}: a worker node that hosts clients for coordinators of the cluster. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Starts a worker node: it joins the cluster at --seed-nodes and hosts the clients a"
            + " coordinator ('decentsim run SCENARIO --cluster') assigns to it. It stops when the"
            + " run ends (unless the run says --keep-nodes), when its coordinator is lost, or on"
            + " Ctrl-C.",
    footer = {
      "",
      "Examples:",
      "  decentsim node --role worker --seed-nodes 127.0.0.1:25520",
      "  decentsim node --role worker --seed-nodes 10.0.0.1:25520 --hostname 10.0.0.2 --port 25521"
    })
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      required = true,
      description = "worker (the coordinator is started by 'decentsim run SCENARIO --cluster')")
  String role;

  @Mixin NetworkArgs network;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "dispatcher threads (default: the number of cores)")
  Integer threads;

  @Option(names = "--parent-pid", hidden = true, description = "stop when this process ends")
  Long parentPid;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ActorSystem<NodeProtocol.Command> system;
    try {
      if (!"worker".equals(role)) {
        throw new ScenarioException(
            "--role "
                + role
                + ": a node is a worker; start the coordinator with 'decentsim run SCENARIO"
                + " --cluster'");
      }
      int n = Options.threads(threads);
      ClusterLauncher.Network net = network.network(0, false);
      system = ClusterLauncher.startNode(net, n, false);
      out.println(
          "decentsim: worker node "
              + Cluster.get(system).selfMember().address()
              + " joining "
              + String.join(",", net.seedNodes())
              + "; Ctrl-C stops it");
      out.flush();
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    Thread hook =
        new Thread(
            () -> {
              system.terminate(); // leaves the cluster: the coordinator moves this node's clients
              try {
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (ExecutionException | TimeoutException e) {
                // exiting anyway
              }
            },
            "decentsim-node-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (parentPid != null) {
      ProcessHandle.of(parentPid)
          .ifPresentOrElse(p -> p.onExit().thenRun(system::terminate), () -> system.terminate());
    }
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      err.println("error: the node stopped abnormally: " + e.getCause());
      return 1;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is already running
    }
    out.println("decentsim: worker node stopped");
    return 0;
  }
}
