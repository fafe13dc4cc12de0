package org.decentsim.simulations.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.decentsim.simulations.launch.ClusterLauncher;
import org.decentsim.simulations.launch.WorkerNode;
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
    WorkerNode node;
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
      node = ClusterLauncher.startNode(net, n, false);
      out.println(
          "decentsim: worker node "
              + node.address()
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
              try {
                node.stopAndWait(10); // leaves the cluster: the coordinator moves the clients
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "decentsim-node-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (parentPid != null) {
      ProcessHandle.of(parentPid).ifPresentOrElse(p -> p.onExit().thenRun(node::stop), node::stop);
    }
    try {
      node.awaitStopped();
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
