package org.decentsim.simulations.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.decentsim.simulations.scenario.ScenarioException;

/**
 * A finished run read back from its directory: summary.json and metrics.csv.
 *
 * @param columns metrics.csv's header
 * @param rows metrics.csv's values (NaN for empty cells)
 */
public record RunRecord(Path dir, Config summary, List<String> columns, List<double[]> rows) {

  /** Reads {@code dir}; a directory that is not a complete run is a user error. */
  public static RunRecord read(Path dir) throws ScenarioException {
    Path summary = dir.resolve("summary.json");
    Path metrics = dir.resolve("metrics.csv");
    if (!Files.isDirectory(dir)) {
      throw new ScenarioException(dir + ": not a run directory (no such directory)");
    }
    if (!Files.isRegularFile(summary) || !Files.isRegularFile(metrics)) {
      throw new ScenarioException(
          dir + ": not a finished run directory (summary.json or metrics.csv missing)");
    }
    Config s;
    try {
      s =
          ConfigFactory.parseFile(
              summary.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw new ScenarioException(summary + ": unreadable: " + e.getMessage());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(metrics + ": cannot read: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new ScenarioException(metrics + ": empty");
    }
    List<String> cols = List.of(lines.get(0).split(","));
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != cols.size()) {
        throw new ScenarioException(
            metrics + ":" + (i + 1) + ": " + f.length + " fields, expected " + cols.size());
      }
      double[] v = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        try {
          v[j] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
        } catch (NumberFormatException e) {
          throw new ScenarioException(
              metrics + ":" + (i + 1) + ": field " + (j + 1) + " is not a number");
        }
      }
      rows.add(v);
    }
    return new RunRecord(dir, s, cols, rows);
  }

  public String digest() {
    return summary.getString("digest");
  }

  public String status() {
    return summary.getString("status");
  }

  /** Index of a metrics column. */
  public int column(String name) throws ScenarioException {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new ScenarioException(
          dir.resolve("metrics.csv")
              + ": no column '"
              + name
              + "' (columns: "
              + String.join(", ", columns)
              + ")");
    }
    return i;
  }

  /** Values of one column, in row order. */
  public double[] values(String name) throws ScenarioException {
    int c = column(name);
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  /** The last row's value of a column. */
  public double last(String name) throws ScenarioException {
    return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[column(name)];
  }
}
