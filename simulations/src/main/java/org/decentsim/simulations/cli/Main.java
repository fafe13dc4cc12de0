package org.decentsim.simulations.cli;

import java.io.PrintWriter;
import org.decentsim.simulations.run.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code decentsim} command. */
@Command(
    name = "decentsim",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Simulates heterogeneous, asynchronous, decentralized optimization.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ReplayCommand.class,
      ResumeCommand.class,
      SweepCommand.class,
      CompareCommand.class,
      BenchCommand.class,
      NodeCommand.class,
      ClusterLocalCommand.class,
      picocli.AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Examples:",
      "  decentsim run config/quickstart.conf",
      "  decentsim run config/quickstart.conf --set decentsim.algorithm.kind=fedbuff",
      "  decentsim validate config/fedbuff.conf",
      "  decentsim bench config/bench/overhead.conf --threads 2 --repeat 5",
      "  decentsim cluster-local config/quickstart.conf --nodes 2",
      "",
      "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 diverged."
    })
public final class Main implements Runnable {
  /** Exit code of a user error (usage, scenario, data). */
  public static final int BAD_INPUT = 2;

  /** Exit code of a diverged run. */
  public static final int DIVERGED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: run, validate or bench");
  }

  public static void main(String[] args) {
    // initialise logging before Akka does it concurrently (avoids SLF4J's replay warning)
    org.slf4j.LoggerFactory.getLogger(Main.class);
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
          err.println("error: " + ex.getMessage() + " (see '" + cmd + " --help')");
          err.flush();
          return BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          err.println("internal error: " + ex);
          ex.printStackTrace(err);
          err.flush();
          return 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"decentsim " + RunDirectory.version()};
    }
  }
}
