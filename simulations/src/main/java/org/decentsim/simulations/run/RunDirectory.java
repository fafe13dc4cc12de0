package org.decentsim.simulations.run;

import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioException;

/**
 * Writes one run's outputs (DESIGN.md §8): {@code scenario.conf} (the resolved scenario with every
 * default filled in), {@code metrics.csv} and {@code summary.json}.
 */
public final class RunDirectory {
  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  public Path path() {
    return dir;
  }

  /**
   * Creates the run directory: {@code out} itself when given, else {@code
   * <parent>/<name>-<yyyyMMdd-HHmmss>} (with a numeric suffix if that exists).
   */
  public static RunDirectory create(Path outOrNull, Path parent, String name)
      throws ScenarioException {
    Path dir;
    if (outOrNull != null) {
      dir = outOrNull;
    } else {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      dir = parent.resolve(name + "-" + stamp);
      for (int k = 2; Files.exists(dir); k++) {
        dir = parent.resolve(name + "-" + stamp + "-" + k);
      }
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      String reason =
          e instanceof java.nio.file.FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e.getMessage();
      throw new ScenarioException(
          dir + ": cannot write the run directory (" + reason + "); choose another with --out");
    }
    return new RunDirectory(dir);
  }

  /** Writes the resolved scenario. */
  public void writeScenario(Scenario sc) throws IOException {
    Files.writeString(dir.resolve("scenario.conf"), scenarioText(sc), StandardCharsets.UTF_8);
  }

  /** The text of scenario.conf for {@code sc}: the fully resolved scenario. */
  public static String scenarioText(Scenario sc) {
    String text =
        sc.settings()
            .config()
            .getConfig("decentsim")
            .atKey("decentsim")
            .root()
            .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    return "# The fully resolved scenario of this run (every default filled in).\n" + text;
  }

  /**
   * The resolved scenario in a canonical form (concise JSON, no comments): equal for a scenario and
   * for the scenario.conf written from it.
   */
  public static String scenarioCanonical(Scenario sc) {
    return sc.settings()
        .config()
        .getConfig("decentsim")
        .root()
        .render(ConfigRenderOptions.concise());
  }

  /** Opens metrics.csv and writes its header. */
  public CsvSink openMetrics() throws IOException {
    return new CsvSink(Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8));
  }

  /** Writes summary.json. */
  public void writeSummary(Map<String, Object> fields) throws IOException {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      sb.append("  ").append(json(e.getKey())).append(": ").append(json(e.getValue()));
      sb.append(++i < fields.size() ? ",\n" : "\n");
    }
    sb.append("}\n");
    Files.writeString(dir.resolve("summary.json"), sb.toString(), StandardCharsets.UTF_8);
  }

  /**
   * The summary fields every run records; {@code workers}, the Worker actors of a one-JVM actor
   * run, is left out when 0.
   */
  public static Map<String, Object> summary(
      Scenario sc,
      Outcome o,
      String engine,
      int threads,
      int workers,
      double wallSeconds,
      long peakHeapBytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    MetricsRow last = o.rows().isEmpty() ? null : o.rows().get(o.rows().size() - 1);
    m.put("name", sc.name());
    m.put("status", o.status().name().toLowerCase(Locale.ROOT));
    m.put("message", o.message());
    m.put("digest", o.digest());
    m.put("seed", sc.seed());
    m.put("algorithm", sc.settings().config().getString("decentsim.algorithm.kind"));
    m.put("data", sc.description());
    m.put("engine", engine);
    m.put("mode", "virtual-time (deterministic)");
    m.put("threads", threads);
    if (workers > 0) {
      m.put("workers", workers);
    }
    if (last != null) {
      m.put("virtual_time", last.virtualTime());
      m.put("events", last.events());
      m.put("rounds", last.rounds());
      m.put("updates", last.updates());
      m.put("train_loss", last.trainLoss());
      m.put("train_accuracy", last.trainAccuracy());
      m.put("test_loss", last.testLoss());
      m.put("test_accuracy", last.testAccuracy());
      m.put("bits_up", last.bitsUp());
      m.put("bits_down", last.bitsDown());
      m.put("faults", last.faults());
      m.put("events_per_second", wallSeconds > 0 ? last.events() / wallSeconds : 0.0);
    }
    m.put("fault_events", o.faultEvents());
    m.put("abandoned_jobs", o.abandonedJobs());
    m.put("wall_seconds", wallSeconds);
    m.put("peak_heap_bytes", peakHeapBytes);
    m.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    m.put("decentsim_version", version());
    m.put("git_commit", gitCommit(Path.of("").toAbsolutePath()));
    return m;
  }

  /**
   * The commit checked out in the git work tree containing {@code dir}, read from {@code .git} (no
   * git process is started), or null when there is none.
   */
  static String gitCommit(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path git = d.resolve(".git");
      if (!Files.isDirectory(git)) {
        continue;
      }
      try {
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref: ")) {
          return head;
        }
        String ref = head.substring(5);
        Path loose = git.resolve(ref);
        if (Files.isRegularFile(loose)) {
          return Files.readString(loose, StandardCharsets.UTF_8).strip();
        }
        Path packed = git.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
          for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
            if (line.endsWith(" " + ref)) {
              return line.substring(0, line.indexOf(' '));
            }
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  /** The decentsim version from the jar manifest (the build version when run from classes). */
  public static String version() {
    Package p = RunDirectory.class.getPackage();
    return p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0-SNAPSHOT";
  }

  private static String json(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? Double.toString(d) : "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof java.util.List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (Object e : list) {
        sb.append(sb.length() > 1 ? ", " : "").append(json(e));
      }
      return sb.append(']').toString();
    }
    String s = v.toString();
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Streams metric rows to metrics.csv, flushing each so that a killed run keeps its rows. */
  public static final class CsvSink implements AutoCloseable {
    private final Writer w;

    CsvSink(Writer w) throws IOException {
      this.w = w;
      w.write(String.join(",", MetricsRow.COLUMNS));
      w.write('\n');
      w.flush();
    }

    public void write(MetricsRow r) throws IOException {
      w.write(
          String.join(
              ",",
              num(r.virtualTime()),
              num(r.wallSeconds()),
              Long.toString(r.events()),
              Long.toString(r.rounds()),
              Long.toString(r.updates()),
              num(r.trainLoss()),
              num(r.trainAccuracy()),
              num(r.gradNormSq()),
              num(r.testLoss()),
              num(r.testAccuracy()),
              Long.toString(r.bitsUp()),
              Long.toString(r.bitsDown()),
              num(r.stalenessMean()),
              Long.toString(r.stalenessMax()),
              Long.toString(r.dropped()),
              Long.toString(r.faults()),
              Long.toString(r.gradientEvaluations()),
              Long.toString(r.transfers()),
              num(r.distanceSq()),
              num(r.totalVariation())));
      w.write('\n');
      w.flush();
    }

    private static String num(double d) {
      return Double.isNaN(d) ? "" : Double.toString(d);
    }

    @Override
    public void close() throws IOException {
      w.close();
    }
  }
}
