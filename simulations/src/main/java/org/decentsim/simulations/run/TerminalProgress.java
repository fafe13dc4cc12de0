package org.decentsim.simulations.run;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.decentsim.coordinator.engine.EngineSettings;
import org.decentsim.coordinator.metrics.MetricsRow;

/**
 * A progress bar on the terminal: progress towards the nearest stop condition (virtual time, events
 * or rounds), events/s and the current loss, with an ETA. Used only when the output is a terminal;
 * otherwise runs print periodic progress lines.
 */
final class TerminalProgress implements AutoCloseable {
  private static final int SCALE = 1000;
  private final EngineSettings stop;
  private final ProgressBar bar;

  TerminalProgress(EngineSettings stop) {
    this.stop = stop;
    this.bar =
        new ProgressBarBuilder()
            .setTaskName("decentsim")
            .setInitialMax(SCALE)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .hideEta()
            .build();
  }

  void update(MetricsRow r, double wallSeconds) {
    double f = 0;
    if (Double.isFinite(stop.stopVirtualTime()) && stop.stopVirtualTime() > 0) {
      f = Math.max(f, r.virtualTime() / stop.stopVirtualTime());
    }
    if (stop.maxEvents() > 0) {
      f = Math.max(f, (double) r.events() / stop.maxEvents());
    }
    if (stop.maxRounds() > 0) {
      f = Math.max(f, (double) r.rounds() / stop.maxRounds());
    }
    f = Math.min(1, f);
    double eta = f > 0 ? wallSeconds * (1 - f) / f : Double.NaN;
    bar.stepTo((long) (f * SCALE));
    bar.setExtraMessage(
        String.format(
            Locale.ROOT,
            " t=%.4g loss=%.5g %.0f ev/s ETA %s",
            r.virtualTime(),
            r.trainLoss(),
            wallSeconds > 0 ? r.events() / wallSeconds : 0.0,
            Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0fs", eta)));
  }

  @Override
  public void close() {
    bar.close();
  }
}
