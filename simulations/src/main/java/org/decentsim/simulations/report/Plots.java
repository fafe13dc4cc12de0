package org.decentsim.simulations.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.decentsim.coordinator.metrics.MetricsRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes decentsim's plots. Every plot goes to {@code <name>.png} and {@code <name>.svg}. */
public final class Plots {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /**
   * A named curve of (x, y) points; with {@code errorOrNull}, a shaded band {@code y ± error} is
   * drawn behind it.
   */
  public record Curve(String name, double[] x, double[] y, double[] errorOrNull) {}

  /**
   * Loss vs virtual time, vs uplink bits (vs all bits, both directions, for decentralized runs,
   * whose traffic is all between nodes) and vs events for one run.
   */
  public static void writeRunPlots(List<MetricsRow> rows, long[] stalenessCounts, Path dir)
      throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    boolean hasTest = !Double.isNaN(rows.get(0).testLoss());
    lossAgainst(rows, MetricsRow::virtualTime, "virtual time (s)", hasTest, dir, "loss_vs_time");
    boolean uplinkOnly = rows.get(rows.size() - 1).bitsUp() > 0;
    lossAgainst(
        rows,
        r -> (uplinkOnly ? r.bitsUp() : r.bitsUp() + r.bitsDown()) / 8.0 / 1e6,
        uplinkOnly ? "uplink traffic (MB, cumulative)" : "traffic between nodes (MB, cumulative)",
        hasTest,
        dir,
        "loss_vs_bits");
    lossAgainst(rows, r -> (double) r.events(), "events", hasTest, dir, "loss_vs_events");
    if (stalenessCounts != null && stalenessCounts.length > 0) {
      stalenessHistogram(stalenessCounts, dir, "staleness_histogram");
    }
  }

  private static void lossAgainst(
      List<MetricsRow> rows,
      ToDoubleFunction<MetricsRow> x,
      String xTitle,
      boolean hasTest,
      Path dir,
      String name)
      throws IOException {
    double[] xs = rows.stream().mapToDouble(x).toArray();
    double[] train = rows.stream().mapToDouble(MetricsRow::trainLoss).toArray();
    Curve trainCurve = new Curve("train loss (federated objective)", xs, train, null);
    if (hasTest) {
      double[] test = rows.stream().mapToDouble(MetricsRow::testLoss).toArray();
      write(
          overlay(
              "Loss", xTitle, "loss", List.of(trainCurve, new Curve("test loss", xs, test, null))),
          dir,
          name);
    } else {
      write(overlay("Loss", xTitle, "loss", List.of(trainCurve)), dir, name);
    }
  }

  /** A line chart with one curve per entry. */
  public static XYChart overlay(String title, String xTitle, String yTitle, List<Curve> curves) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    int k = 0;
    for (Curve c : curves) {
      Color color = PALETTE[k++ % PALETTE.length];
      if (c.errorOrNull() != null) {
        band(chart, c, color);
      }
      XYSeries s = chart.addSeries(c.name(), c.x(), c.y());
      s.setLineColor(color);
      s.setMarkerColor(color);
      if (c.x().length > 60) {
        s.setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  private static final Color[] PALETTE = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127)
  };

  /** A shaded band {@code y ± error} behind the curve: a filled polygon, not in the legend. */
  private static void band(XYChart chart, Curve c, Color color) {
    int n = c.x().length;
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = c.x()[i];
      py[i] = c.y()[i] + c.errorOrNull()[i];
      px[2 * n - 1 - i] = c.x()[i];
      py[2 * n - 1 - i] = c.y()[i] - c.errorOrNull()[i];
    }
    XYSeries s = chart.addSeries(c.name() + " ± std", px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
    s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(false);
  }

  /** Counts of updates by staleness 0, 1, 2, ... as a bar chart. */
  public static void stalenessHistogram(long[] counts, Path dir, String name) throws IOException {
    int last = counts.length - 1;
    while (last > 0 && counts[last] == 0) {
      last--;
    }
    double[] x = new double[last + 1];
    double[] y = new double[last + 1];
    for (int i = 0; i <= last; i++) {
      x[i] = i;
      y[i] = counts[i];
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(560)
            .title("Staleness of applied updates")
            .xAxisTitle("staleness (server steps)")
            .yAxisTitle("updates")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(last > 30 ? 90 : 0);
    chart.addSeries("updates", x, y);
    write(chart, dir, name);
  }

  /** Writes {@code chart} as {@code dir/name.png} and {@code dir/name.svg}. */
  // every save method of XChart 4.0.3 is marked deprecated, and the version has no replacement
  @SuppressWarnings("deprecation")
  public static void write(Chart<?, ?> chart, Path dir, String name) throws IOException {
    try (OutputStream png = Files.newOutputStream(dir.resolve(name + ".png"))) {
      BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
    }
    try (OutputStream svg = Files.newOutputStream(dir.resolve(name + ".svg"))) {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
  }
}
