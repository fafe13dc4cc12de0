package org.decentsim.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.decentsim.simulations.launch.LocalLauncher;
import org.decentsim.simulations.report.Plots;
import org.decentsim.simulations.run.RunDirectory;
import org.decentsim.simulations.run.RunRecord;
import org.decentsim.simulations.run.Runner;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decentsim sweep}: the Cartesian product of grid values times seeds, several runs at a time
 * in this JVM. Writes one run directory per run under {@code OUT/runs/}, {@code sweep.csv} (one row
 * per run), {@code table.md} (mean ± std of final metrics per grid point) and one overlay plot per
 * metric (mean over seeds per grid point, with ± std error bars). Runs whose directory already
 * holds a finished run of the same resolved scenario are not run again.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Runs a grid of parameter values times seeds and tabulates the final metrics.",
    footer = {
      "",
      "Examples:",
      "  decentsim sweep config/stragglers.conf --grid algorithm.kind=fedavg,fedbuff,fedfix"
          + " --seeds 3 --parallel 2",
      "  decentsim sweep config/quickstart.conf --grid local.lr=0.02,0.05 --grid"
          + " algorithm.fedbuff.buffer-size=2,8 --seeds 2 --out sweeps/lr",
      "",
      "Grid keys may omit the leading 'decentsim.'. Seeds are the scenario's seed, seed+1, ...",
      "Exit code 3 if any run diverged (the others are still tabulated)."
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioArgs args;

  @Option(
      names = "--grid",
      paramLabel = "KEY=V1,V2,...",
      description = "a scenario key and its values (repeatable; the grid is their product)")
  List<String> grid = new ArrayList<>();

  @Option(names = "--seeds", paramLabel = "N", description = "seeds per grid point (default: 1)")
  int seeds = 1;

  @Option(names = "--parallel", paramLabel = "P", description = "runs at a time (default: 1)")
  int parallel = 1;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "sweep directory (default: sweep-<name>)")
  Path out;

  @Option(
      names = "--metrics",
      paramLabel = "M1,M2",
      split = ",",
      description = "final metrics for table.md and the plots (default: train_loss,test_accuracy)")
  List<String> metrics = new ArrayList<>(List.of("train_loss", "test_accuracy"));

  @Option(names = "--engine", paramLabel = "ENGINE", description = "direct (default) or actor")
  String engine = "direct";

  @Option(names = "--threads", paramLabel = "N", description = "threads per actor run (default: 1)")
  Integer threads = 1;

  private record Axis(String key, List<String> values) {}

  private record Planned(
      int point, List<String> values, long seed, String id, Scenario scenario, Path dir) {}

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LocalLauncher.Engine eng = Options.engine(engine);
      int n = Options.threads(threads);
      if (seeds < 1 || parallel < 1) {
        throw new ScenarioException("--seeds and --parallel must be >= 1");
      }
      List<Axis> axes = parseGrid();
      for (String m : metrics) {
        if (!List.of(org.decentsim.coordinator.metrics.MetricsRow.COLUMNS).contains(m)) {
          throw new ScenarioException("--metrics " + m + ": not a metrics.csv column");
        }
      }
      Scenario base = ScenarioBuilder.load(args.scenario, args.sets);
      Path dir = out != null ? out : Path.of("sweep-" + base.name());
      List<Planned> plan = plan(axes, base, dir);
      Files.createDirectories(dir.resolve("runs"));
      stdout.println(
          "sweep: "
              + plan.size()
              + " runs ("
              + (plan.size() / seeds)
              + " grid points x "
              + seeds
              + " seeds) into "
              + dir);
      stdout.flush();

      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      List<Future<RunRecord>> futures = new ArrayList<>();
      for (Planned p : plan) {
        futures.add(pool.submit(() -> runOrReuse(p, eng, n, stdout)));
      }
      List<RunRecord> records = new ArrayList<>();
      try {
        for (Future<RunRecord> f : futures) {
          records.add(f.get());
        }
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof ScenarioException se) {
          throw se;
        }
        throw new IllegalStateException("a sweep run failed: " + c, c);
      } finally {
        pool.shutdownNow();
      }
      writeCsv(dir, axes, plan, records);
      String table = writeTable(dir, axes, plan, records);
      writePlots(dir, axes, plan, records);
      stdout.println();
      stdout.print(table);
      stdout.println();
      stdout.println("sweep.csv, table.md and plot_<metric>.png/svg are in " + dir);
      boolean diverged = records.stream().anyMatch(r -> r.status().equals("diverged"));
      return diverged ? Main.DIVERGED : 0;
    } catch (ScenarioException e) {
      err.println("error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: cannot write the sweep: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return 1;
    }
  }

  private List<Axis> parseGrid() throws ScenarioException {
    List<Axis> axes = new ArrayList<>();
    for (String g : grid) {
      int eq = g.indexOf('=');
      if (eq <= 0 || eq == g.length() - 1) {
        throw new ScenarioException("--grid " + g + ": expected key=v1,v2,...");
      }
      String key = g.substring(0, eq).trim();
      if (!key.startsWith("decentsim.")) {
        key = "decentsim." + key;
      }
      List<String> values = new ArrayList<>();
      for (String v : g.substring(eq + 1).split(",")) {
        if (v.isBlank()) {
          throw new ScenarioException("--grid " + g + ": empty value");
        }
        values.add(v.trim());
      }
      axes.add(new Axis(key, values));
    }
    return axes;
  }

  /** Builds (and so validates) every run's scenario before anything runs. */
  private List<Planned> plan(List<Axis> axes, Scenario base, Path dir) throws ScenarioException {
    List<List<String>> points = new ArrayList<>();
    points.add(List.of());
    for (Axis a : axes) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> p : points) {
        for (String v : a.values()) {
          List<String> q = new ArrayList<>(p);
          q.add(v);
          next.add(q);
        }
      }
      points = next;
    }
    List<Planned> plan = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      List<String> values = points.get(k);
      StringBuilder label = new StringBuilder("p" + k);
      List<String> runSets = new ArrayList<>(args.sets);
      for (int a = 0; a < axes.size(); a++) {
        String key = axes.get(a).key();
        runSets.add(key + "=" + values.get(a));
        label
            .append('_')
            .append(key.substring(key.lastIndexOf('.') + 1))
            .append('=')
            .append(values.get(a));
      }
      for (int s = 0; s < seeds; s++) {
        long seed = base.seed() + s;
        List<String> withSeed = new ArrayList<>(runSets);
        withSeed.add("decentsim.seed=" + seed);
        Scenario sc = ScenarioBuilder.load(args.scenario, withSeed);
        String id = (label + "_seed" + seed).replaceAll("[^A-Za-z0-9._=-]", "_");
        plan.add(new Planned(k, values, seed, id, sc, dir.resolve("runs").resolve(id)));
      }
    }
    return plan;
  }

  private RunRecord runOrReuse(Planned p, LocalLauncher.Engine eng, int threads, PrintWriter out)
      throws IOException, ScenarioException {
    Path conf = p.dir().resolve("scenario.conf");
    if (Files.isRegularFile(p.dir().resolve("summary.json"))
        && Files.isRegularFile(conf)
        && Files.readString(conf, StandardCharsets.UTF_8)
            .equals(RunDirectory.scenarioText(p.scenario()))) {
      synchronized (out) {
        out.println("reused   " + p.id());
        out.flush();
      }
      return RunRecord.read(p.dir());
    }
    RunDirectory dir = RunDirectory.create(p.dir(), p.dir().getParent(), p.id());
    Runner.Result r = Runner.execute(p.scenario(), dir, Runner.Options.of(eng, threads));
    synchronized (out) {
      out.println(
          String.format(
              Locale.ROOT,
              "finished %s: %s in %.1f s",
              p.id(),
              r.outcome().status().name().toLowerCase(Locale.ROOT),
              r.wallSeconds()));
      out.flush();
    }
    return RunRecord.read(p.dir());
  }

  private static final String[] FINAL = {
    "virtual_time",
    "events",
    "rounds",
    "train_loss",
    "train_accuracy",
    "test_loss",
    "test_accuracy",
    "bits_up"
  };

  private void writeCsv(Path dir, List<Axis> axes, List<Planned> plan, List<RunRecord> records)
      throws IOException, ScenarioException {
    StringBuilder sb = new StringBuilder("run,point");
    for (Axis a : axes) {
      sb.append(',').append(a.key());
    }
    sb.append(",seed,status,digest");
    for (String m : FINAL) {
      sb.append(',').append(m);
    }
    sb.append('\n');
    for (int i = 0; i < plan.size(); i++) {
      Planned p = plan.get(i);
      RunRecord r = records.get(i);
      sb.append(p.id()).append(',').append(p.point());
      for (String v : p.values()) {
        sb.append(',').append(v.replace(',', ';'));
      }
      sb.append(',').append(p.seed()).append(',').append(r.status()).append(',').append(r.digest());
      for (String m : FINAL) {
        double v = r.last(m);
        sb.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
      }
      sb.append('\n');
    }
    Files.writeString(dir.resolve("sweep.csv"), sb.toString(), StandardCharsets.UTF_8);
  }

  private String writeTable(Path dir, List<Axis> axes, List<Planned> plan, List<RunRecord> records)
      throws IOException, ScenarioException {
    StringBuilder sb = new StringBuilder("|");
    for (Axis a : axes) {
      sb.append(' ').append(a.key().substring("decentsim.".length())).append(" |");
    }
    sb.append(" seeds |");
    for (String m : metrics) {
      sb.append(' ').append(m).append(" (final) |");
    }
    sb.append('\n').append('|');
    sb.append("---|".repeat(axes.size() + 1 + metrics.size())).append('\n');
    int points = plan.size() / seeds;
    for (int k = 0; k < points; k++) {
      sb.append('|');
      for (String v : plan.get(k * seeds).values()) {
        sb.append(' ').append(v).append(" |");
      }
      sb.append(' ').append(seeds).append(" |");
      for (String m : metrics) {
        double[] v = new double[seeds];
        for (int s = 0; s < seeds; s++) {
          v[s] = records.get(k * seeds + s).last(m);
        }
        sb.append(' ').append(meanStd(v)).append(" |");
      }
      sb.append('\n');
    }
    String table = sb.toString();
    Files.writeString(dir.resolve("table.md"), table, StandardCharsets.UTF_8);
    return table;
  }

  /** "mean ± std" with 4 significant digits; std is the sample standard deviation. */
  static String meanStd(double[] v) {
    double[] ms = meanAndStd(v);
    if (Double.isNaN(ms[0])) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.4g ± %.2g", ms[0], ms[1]);
  }

  /** {@code {mean, sample standard deviation}} of {@code v} (std 0 for a single value). */
  static double[] meanAndStd(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
  }

  private void writePlots(Path dir, List<Axis> axes, List<Planned> plan, List<RunRecord> records)
      throws IOException, ScenarioException {
    int points = plan.size() / seeds;
    for (String m : metrics) {
      List<Plots.Curve> curves = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        int len = Integer.MAX_VALUE;
        for (int s = 0; s < seeds; s++) {
          len = Math.min(len, records.get(k * seeds + s).rows().size());
        }
        double[] x = java.util.Arrays.copyOf(records.get(k * seeds).values("virtual_time"), len);
        double[] mean = new double[len];
        double[] std = new double[len];
        double[] atSeeds = new double[seeds];
        for (int i = 0; i < len; i++) {
          for (int s = 0; s < seeds; s++) {
            RunRecord rec = records.get(k * seeds + s);
            atSeeds[s] = rec.rows().get(i)[rec.column(m)];
          }
          double[] ms = meanAndStd(atSeeds);
          mean[i] = ms[0];
          std[i] = ms[1];
        }
        if (Double.isNaN(mean[0]) && len > 0 && allNaN(mean)) {
          continue;
        }
        StringBuilder name = new StringBuilder();
        for (int a = 0; a < axes.size(); a++) {
          String key = axes.get(a).key();
          name.append(a == 0 ? "" : ", ")
              .append(key.substring(key.lastIndexOf('.') + 1))
              .append('=')
              .append(plan.get(k * seeds).values().get(a));
        }
        curves.add(
            new Plots.Curve(
                name.length() == 0 ? "scenario" : name.toString(),
                x,
                mean,
                seeds > 1 ? std : null));
      }
      if (!curves.isEmpty()) {
        Plots.write(
            Plots.overlay(
                m + " (mean over " + seeds + " seeds" + (seeds > 1 ? ", band: ± std" : "") + ")",
                "virtual time (s)",
                m,
                curves),
            dir,
            "plot_" + m);
      }
    }
  }

  private static boolean allNaN(double[] v) {
    for (double x : v) {
      if (!Double.isNaN(x)) {
        return false;
      }
    }
    return true;
  }
}
