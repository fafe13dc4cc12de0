package org.decentsim.simulations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.decentsim.coordinator.engine.DirectExecutor;
import org.decentsim.coordinator.engine.Outcome;
import org.decentsim.coordinator.engine.RunListener;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.decentsim.simulations.scenario.Scenario;
import org.decentsim.simulations.scenario.ScenarioBuilder;
import org.decentsim.simulations.scenario.ScenarioException;

/** Builds scenarios from HOCON text in tests and runs them on the direct engine with a trace. */
public final class TestScenarios {
  private TestScenarios() {}

  /** One delivered update: virtual time, client, and the model version it started from. */
  public record Delivery(double time, int client, long versionSent) {}

  /** A run's outcome and its deliveries in order. */
  public record Traced(Outcome outcome, List<Delivery> deliveries, Scenario scenario) {}

  public static Scenario build(Path dir, String hocon, String... sets) {
    try {
      Path f = Files.createTempFile(dir, "scenario", ".conf");
      Files.writeString(f, hocon);
      return ScenarioBuilder.load(f, Arrays.asList(sets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The last metrics row of a run. */
  public static MetricsRow last(Outcome o) {
    return o.rows().get(o.rows().size() - 1);
  }

  /** Mean train loss over the last {@code n} rows. */
  public static double meanOfLastTrainLosses(Outcome o, int n) {
    List<MetricsRow> rows = o.rows();
    double s = 0;
    for (int k = rows.size() - n; k < rows.size(); k++) {
      s += rows.get(k).trainLoss();
    }
    return s / n;
  }

  /** {@code a} followed by {@code b}. */
  public static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  public static Traced run(Path dir, String hocon, String... sets) {
    Scenario sc = build(dir, hocon, sets);
    List<Delivery> trace = new ArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public void onUpdate(double time, int client, long versionSent, long staleness) {
            trace.add(new Delivery(time, client, versionSent));
          }
        };
    Scenario.Run run = sc.newRun(listener, () -> 0);
    Outcome o = new DirectExecutor(run.federation()).run(run.simulation());
    return new Traced(o, trace, sc);
  }
}
