package org.decentsim.node.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.decentsim.node.compress.CompressorSpec.Kind;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.proto.codec.PayloadCodec;
import org.decentsim.proto.protocol.Payload;
import org.junit.jupiter.api.Test;

/** The declared omega/delta of every compressor (ALGORITHMS.md §7), by Monte Carlo; bits. */
class CompressorsTest {
  static final int D = 50;

  static CompressorSpec spec(Kind kind) {
    return new CompressorSpec(kind, 0.1, 0, 0.3, 4, 2, 0, 0, false);
  }

  static List<CompressorSpec> all() {
    List<CompressorSpec> out = new java.util.ArrayList<>();
    for (Kind k : Kind.values()) {
      out.add(spec(k));
    }
    // float32 variants of those that carry raw values
    for (Kind k : List.of(Kind.IDENTITY, Kind.TOP_K, Kind.RAND_K, Kind.BERNOULLI, Kind.POWERSGD)) {
      out.add(new CompressorSpec(k, 0.1, 0, 0.3, 4, 2, 0, 0, true));
    }
    return out;
  }

  static double[] randomVector(Rng r, int d) {
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = Draws.normal(r) * (1 + 3 * r.nextDouble()) + (j % 7 == 0 ? 2 : 0);
    }
    return x;
  }

  /** Mean relative error E||C(x) - x||^2 / ||x||^2 and the per-coordinate mean of C(x). */
  static double[] monteCarlo(Compressor c, double[] x, int trials, Rng rng, double[] meanOut) {
    Payload p = new Payload();
    double[] y = new double[x.length];
    double[] state = c.newState(rng);
    double err = 0;
    double norm = 0;
    for (double v : x) {
      norm += v * v;
    }
    for (int t = 0; t < trials; t++) {
      c.compress(x, p, rng, state);
      p.decodeInto(y);
      double e = 0;
      for (int j = 0; j < x.length; j++) {
        e += (y[j] - x[j]) * (y[j] - x[j]);
        meanOut[j] += y[j] / trials;
      }
      err += e / norm / trials;
    }
    return new double[] {err};
  }

  @Test
  void unbiasedCompressors_meanIsX_andVarianceWithinOmega() {
    for (Kind kind :
        List.of(Kind.IDENTITY, Kind.RAND_K, Kind.BERNOULLI, Kind.QSGD, Kind.NATURAL_DITHERING)) {
      checkUnbiased(kind);
    }
    checkUnbiased(Kind.NATURAL);
  }

  private void checkUnbiased(Kind kind) {
    Rng rng = new Rng(11);
    double[] x = randomVector(rng, D);
    Compressor c = spec(kind).create(D);
    assertThat(c.compressorClass().type()).isEqualTo(CompressorClass.Type.UNBIASED);
    int trials = 40_000;
    double[] mean = new double[D];
    double err = monteCarlo(c, x, trials, rng, mean)[0];
    double omega = c.compressorClass().omega();
    assertThat(err)
        .as("%s: E||C(x)-x||^2/||x||^2 vs omega %s", kind, omega)
        .isLessThanOrEqualTo(omega * 1.03 + 1e-12);
    double norm = Math.sqrt(java.util.Arrays.stream(x).map(v -> v * v).sum());
    // each coordinate's mean is within 5 standard errors (bounded by sqrt(omega) ||x||)
    double tol = 5 * Math.sqrt(omega) * norm / Math.sqrt(trials) + 1e-9;
    for (int j = 0; j < D; j++) {
      assertThat(mean[j]).as("%s coordinate %d", kind, j).isCloseTo(x[j], within(tol));
    }
  }

  @Test
  void randK_varianceEqualsOmegaExactlyInExpectation() {
    // E||C(x) - x||^2 = (d/k - 1) ||x||^2 for scaled rand-k: the bound is tight
    Rng rng = new Rng(5);
    double[] x = randomVector(rng, D);
    Compressor c = spec(Kind.RAND_K).create(D);
    double err = monteCarlo(c, x, 40_000, rng, new double[D])[0];
    assertThat(err)
        .isCloseTo(c.compressorClass().omega(), within(0.02 * c.compressorClass().omega()));
  }

  @Test
  void contractiveCompressors_errorWithinOneMinusDelta() {
    Rng rng = new Rng(3);
    for (Kind kind : List.of(Kind.TOP_K, Kind.RAND_K_UNSCALED, Kind.SIGN)) {
      Compressor c = spec(kind).create(D);
      assertThat(c.compressorClass().type()).isEqualTo(CompressorClass.Type.CONTRACTIVE);
      for (int v = 0; v < 20; v++) {
        double[] x = randomVector(rng, D);
        double err =
            monteCarlo(c, x, kind == Kind.RAND_K_UNSCALED ? 5_000 : 1, rng, new double[D])[0];
        assertThat(err)
            .as("%s", kind)
            .isLessThanOrEqualTo(
                1 - c.compressorClass().delta() + (kind == Kind.RAND_K_UNSCALED ? 0.02 : 1e-12));
      }
    }
  }

  @Test
  void randKUnscaled_contractionIsExactlyKOverDInExpectation() {
    Rng rng = new Rng(9);
    double[] x = randomVector(rng, D);
    Compressor c = spec(Kind.RAND_K_UNSCALED).create(D);
    double err = monteCarlo(c, x, 40_000, rng, new double[D])[0];
    assertThat(err).isCloseTo(1 - c.compressorClass().delta(), within(0.01));
  }

  @Test
  void topK_keepsTheLargestMagnitudes_lowestIndexOnTies() {
    double[] x = {0.5, -3, 2, -2, 0, 1, 2};
    Compressor c = new TopK(7, 3, false);
    Payload p = new Payload();
    c.compress(x, p, new Rng(1), null);
    double[] y = new double[7];
    p.decodeInto(y);
    assertThat(y).containsExactly(0, -3, 2, -2, 0, 0, 0);
  }

  @Test
  void scaledSign_errorIdentityHoldsExactly() {
    Rng rng = new Rng(4);
    Compressor c = new ScaledSign(D);
    Payload p = new Payload();
    double[] y = new double[D];
    for (int v = 0; v < 50; v++) {
      double[] x = randomVector(rng, D);
      c.compress(x, p, rng, null);
      p.decodeInto(y);
      double err = 0;
      double l1 = 0;
      double l2 = 0;
      for (int j = 0; j < D; j++) {
        err += (y[j] - x[j]) * (y[j] - x[j]);
        l1 += Math.abs(x[j]);
        l2 += x[j] * x[j];
      }
      assertThat(err).isCloseTo(l2 - l1 * l1 / D, within(1e-9 * l2));
      assertThat(err / l2).isLessThanOrEqualTo(1 - 1.0 / D);
    }
  }

  @Test
  void qsgd_and_naturalDithering_declareTheFormulasOfTheTable() {
    assertThat(new Qsgd(100, 4).compressorClass().omega())
        .isEqualTo(Math.min(100 / 16.0, 10 / 4.0));
    double r = 10 / 8.0; // sqrt(100) / 2^(4-1)
    assertThat(new NaturalDithering(100, 4).compressorClass().omega())
        .isEqualTo(0.125 + r * Math.min(1, r));
    assertThat(new RandK(100, 10, true, false).compressorClass().omega()).isEqualTo(9.0);
    assertThat(new Bernoulli(100, 0.25, false).compressorClass().omega()).isEqualTo(3.0);
  }

  @Test
  void powerSgd_isAProjection_andRecoversALowRankMatrixWithWarmStart() {
    Rng rng = new Rng(8);
    PowerSgd c = new PowerSgd(48, 2, 6, 8, false);
    double[] state = c.newState(rng);
    Payload p = new Payload();
    double[] y = new double[48];
    double worst = 0;
    for (int v = 0; v < 30; v++) {
      double[] x = randomVector(rng, 48);
      c.compress(x, p, rng, state);
      p.decodeInto(y);
      double err = 0;
      double norm = 0;
      for (int j = 0; j < 48; j++) {
        err += (y[j] - x[j]) * (y[j] - x[j]);
        norm += x[j] * x[j];
      }
      assertThat(err).isLessThanOrEqualTo(norm * (1 + 1e-12));
      worst = Math.max(worst, err / norm);
    }
    assertThat(worst).as("measured 1 - delta").isLessThan(1);
    // a rank-2 matrix a b^T + c d^T: after a few warm-started steps the message is exact
    double[] m = new double[48];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 8; j++) {
        m[i * 8 + j] = (i + 1) * (j - 3) + 0.5 * (i % 2) * (j * j);
      }
    }
    for (int step = 0; step < 5; step++) {
      c.compress(m, p, rng, state);
    }
    p.decodeInto(y);
    for (int j = 0; j < 48; j++) {
      assertThat(y[j]).isCloseTo(m[j], within(1e-9));
    }
  }

  @Test
  void bitsAreEightTimesTheEncodedBytes_andTheWireRoundTrips_forEveryCompressor() throws Exception {
    Rng rng = new Rng(21);
    for (CompressorSpec spec : all()) {
      for (int d : new int[] {1, 7, 50, 300}) {
        if (spec.kind() == Kind.POWERSGD && d < 4) {
          continue; // rank 2 needs at least a 2 x 2 shape
        }
        Compressor c = spec.create(d);
        double[] state = c.newState(rng);
        Payload p = new Payload();
        for (int v = 0; v < 30; v++) {
          double[] x = v == 0 ? new double[d] : randomVector(rng, d);
          if (v == 1) {
            x[0] = 1e-300; // extreme magnitudes
          }
          c.compress(x, p, rng, state);
          org.decentsim.proto.wire.Payload w = PayloadCodec.toWire(p);
          assertThat(p.bits()).as("%s d=%d", spec, d).isEqualTo(8L * w.getSerializedSize());
          Payload back =
              PayloadCodec.fromWire(org.decentsim.proto.wire.Payload.parseFrom(w.toByteArray()));
          assertThat(back).isEqualTo(p);
          double[] a = new double[d];
          double[] b = new double[d];
          p.decodeInto(a);
          back.decodeInto(b);
          assertThat(b).containsExactly(a);
        }
      }
    }
  }

  @Test
  void bitPackedCodes_roundTripForEveryWidth() {
    Rng rng = new Rng(13);
    for (int bits = 1; bits <= 16; bits++) {
      int d = 97;
      int[] codes = new int[d];
      Payload p = new Payload().setQuantized(d, Payload.Scheme.QSGD, 1, 1, 0, bits);
      for (int j = 0; j < d; j++) {
        codes[j] = rng.nextInt(1 << bits);
        p.putCode(j, codes[j]);
      }
      assertThat(p.packedLength()).isEqualTo((d * bits + 7) / 8);
      for (int j = 0; j < d; j++) {
        assertThat(p.code(j)).as("width %d, coordinate %d", bits, j).isEqualTo(codes[j]);
      }
    }
  }

  @Test
  void compressedMessagesAreSmallerThanDense() {
    Rng rng = new Rng(2);
    int d = 1000;
    double[] x = randomVector(rng, d);
    Payload p = new Payload();
    spec(Kind.IDENTITY).create(d).compress(x, p, rng, null);
    int dense = p.encodedBytes();
    assertThat(dense).isBetween(8 * d, 8 * d + 16);
    new TopK(d, 10, false).compress(x, p, rng, null);
    assertThat(p.encodedBytes()).isLessThan(10 * 11 + 16); // 8-byte values + 1-2 byte gaps
    new Qsgd(d, 4).compress(x, p, rng, null);
    assertThat(p.encodedBytes()).isBetween(d * 4 / 8, d * 4 / 8 + 24); // 1 + 3 bits each
    new ScaledSign(d).compress(x, p, rng, null);
    assertThat(p.encodedBytes()).isBetween(d / 8, d / 8 + 24);
    new NaturalCompression(d).compress(x, p, rng, null);
    assertThat(p.encodedBytes()).isBetween(d * 9 / 8, d * 9 / 8 + 24);
  }
}
