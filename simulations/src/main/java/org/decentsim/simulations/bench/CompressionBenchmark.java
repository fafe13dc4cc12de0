package org.decentsim.simulations.bench;

import java.util.concurrent.TimeUnit;
import org.decentsim.node.compress.ClientCompressionState;
import org.decentsim.node.compress.Compression;
import org.decentsim.node.compress.CompressorSpec;
import org.decentsim.node.compress.Decoder;
import org.decentsim.node.compress.Encoder;
import org.decentsim.node.compress.ErrorFeedback;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message through each compressor with EF21 (encode on the worker, decode and mirror update on
 * the coordinator), d = 10,000, against {@link #baselineTopK}: top-1% with EF21 written as a plain
 * loop over arrays (sort-free selection by a threshold, no payload object).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompressionBenchmark {
  static final int DIM = 10_000;

  @Param({
    "identity",
    "top-k",
    "rand-k",
    "bernoulli",
    "qsgd",
    "natural-dithering",
    "natural",
    "sign",
    "powersgd"
  })
  String kind;

  double[] u;
  double[] out;
  Encoder encoder;
  Decoder decoder;
  ClientCompressionState state;
  // baseline state
  double[] g;
  double[] gServer;
  double[] diff;
  double[] mags;
  int[] idx;
  double[] vals;

  @Setup
  public void setUp() {
    Rng r = new Rng(5);
    u = new double[DIM];
    for (int j = 0; j < DIM; j++) {
      u[j] = Draws.normal(r);
    }
    CompressorSpec.Kind k =
        CompressorSpec.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    ErrorFeedback fb = new ErrorFeedback(ErrorFeedback.Kind.EF21, 0, 0, null, null);
    Compression c = new Compression(new CompressorSpec(k, 0.01, 0, 0.5, 4, 4, 0, 0, false), fb);
    encoder = new Encoder(c, DIM);
    decoder = new Decoder(fb, 1, DIM);
    state = new ClientCompressionState(new Rng(9));
    out = new double[DIM];
    decoder.decode(0, encoder.encode(0, u, state), out); // the uncompressed first message
    g = new double[DIM];
    gServer = new double[DIM];
    diff = new double[DIM];
    mags = new double[DIM];
    idx = new int[DIM / 100];
    vals = new double[DIM / 100];
  }

  @Benchmark
  public double message() {
    Payload p = encoder.encode(0, u, state);
    decoder.decode(0, p, out);
    return out[0] + p.encodedBytes();
  }

  /** Top-1% + EF21 by hand: threshold by partial selection, then both mirrors updated. */
  @Benchmark
  public double baselineTopK() {
    int k = DIM / 100;
    for (int j = 0; j < DIM; j++) {
      diff[j] = u[j] - g[j];
      mags[j] = Math.abs(diff[j]);
    }
    // k-th largest magnitude by repeated partitioning (same algorithm class as the project's)
    double threshold = kth(mags, k);
    int n = 0;
    for (int j = 0; j < DIM && n < k; j++) {
      if (Math.abs(diff[j]) >= threshold) {
        idx[n] = j;
        vals[n] = diff[j];
        n++;
      }
    }
    for (int i = 0; i < n; i++) {
      g[idx[i]] += vals[i];
      gServer[idx[i]] += vals[i];
    }
    return gServer[0];
  }

  private static double kth(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    int target = k - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return pivot;
      }
    }
    return a[target];
  }
}
