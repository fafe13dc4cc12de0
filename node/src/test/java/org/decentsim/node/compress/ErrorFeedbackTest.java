package org.decentsim.node.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.decentsim.node.compress.CompressorSpec.Kind;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;
import org.junit.jupiter.api.Test;

/**
 * The exact invariants of ALGORITHMS.md §9 on the encoder/decoder pair, driven by a synchronous
 * server loop {@code x <- x + mean_i u_hat_i} (FedAvg, uniform weights, server step 1) on
 * heterogeneous quadratics {@code f_i(x) = 0.5 ||x - b_i||^2 * a_i} with gradient noise.
 */
class ErrorFeedbackTest {
  static final int N = 6;
  static final int D = 40;
  static final double GAMMA = 0.3;

  /** Runs T rounds; returns x_T, and the clients' states through {@code states}. */
  static double[] run(
      Compression c, int rounds, ClientCompressionState[] states, double[] sumOfMeanUpdates) {
    Rng data = new Rng(99);
    double[][] b = new double[N][D];
    double[] a = new double[N];
    for (int i = 0; i < N; i++) {
      a[i] = 0.5 + i;
      for (int j = 0; j < D; j++) {
        b[i][j] = 3 * Draws.normal(data);
      }
    }
    Rng noise = new Rng(7);
    Encoder enc = new Encoder(c, D);
    Decoder dec = new Decoder(c.feedback(), N, D);
    for (int i = 0; i < N; i++) {
      states[i] = new ClientCompressionState(new Rng(1000 + i));
    }
    double[] x = new double[D];
    double[] u = new double[D];
    double[] uHat = new double[D];
    double[] step = new double[D];
    for (int t = 0; t < rounds; t++) {
      java.util.Arrays.fill(step, 0);
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < D; j++) {
          u[j] = -GAMMA * (a[i] * (x[j] - b[i][j]) + 0.5 * Draws.normal(noise));
          sumOfMeanUpdates[j] += u[j] / N;
        }
        Payload p = enc.encode(i, u, states[i]);
        dec.decode(i, p, uHat);
        for (int j = 0; j < D; j++) {
          step[j] += uHat[j] / N;
        }
      }
      for (int j = 0; j < D; j++) {
        x[j] += step[j];
      }
    }
    return x;
  }

  static Compression with(Kind kind, ErrorFeedback fb) {
    return new Compression(new CompressorSpec(kind, 0.1, 0, 0.5, 4, 2, 0, 0, false), fb);
  }

  static ErrorFeedback fb(ErrorFeedback.Kind kind, double eta) {
    double[] scales = new double[N];
    for (int i = 0; i < N; i++) {
      scales[i] = 1.0 + 0.37 * i; // 1/(n w_i) for some weights
    }
    double[][] ideal = new double[N][D];
    return new ErrorFeedback(kind, eta, 0.1, scales, ideal);
  }

  @Test
  void econtrol_virtualIterateIsUncompressedSgd_forAnyEtaAndCompressor() {
    for (Kind kind : List.of(Kind.TOP_K, Kind.RAND_K, Kind.QSGD, Kind.SIGN, Kind.POWERSGD)) {
      for (double eta : new double[] {0, 0.01, 0.1, 1}) {
        ClientCompressionState[] st = new ClientCompressionState[N];
        double[] sum = new double[D];
        double[] x = run(with(kind, fb(ErrorFeedback.Kind.ECONTROL, eta)), 60, st, sum);
        // x~ = x + mean_i e_i  equals  x_0 + sum_t mean_i u_i^t
        for (int j = 0; j < D; j++) {
          double virt = x[j];
          for (ClientCompressionState s : st) {
            virt += s.error()[j] / N;
          }
          assertThat(virt)
              .as("%s eta %s coord %d", kind, eta, j)
              .isCloseTo(sum[j], within(1e-9 * (1 + Math.abs(sum[j]))));
        }
      }
    }
  }

  @Test
  void ef14_virtualIterateIsUncompressedSgd() {
    // for EF14 x~ = x + mean e also follows the uncompressed updates (Stich's perturbed iterate)
    ClientCompressionState[] st = new ClientCompressionState[N];
    double[] sum = new double[D];
    double[] x = run(with(Kind.TOP_K, fb(ErrorFeedback.Kind.EF14, 0)), 60, st, sum);
    for (int j = 0; j < D; j++) {
      double virt = x[j];
      for (ClientCompressionState s : st) {
        virt += s.error()[j] / N;
      }
      assertThat(virt).isCloseTo(sum[j], within(1e-9));
    }
  }

  @Test
  void ef21AndEf21W_giveTheSameIteratesForTopK() {
    double[] a =
        run(
            with(Kind.TOP_K, fb(ErrorFeedback.Kind.EF21, 0)),
            80,
            new ClientCompressionState[N],
            new double[D]);
    double[] b =
        run(
            with(Kind.TOP_K, fb(ErrorFeedback.Kind.EF21_W, 0)),
            80,
            new ClientCompressionState[N],
            new double[D]);
    for (int j = 0; j < D; j++) {
      assertThat(b[j]).isCloseTo(a[j], within(1e-9 * (1 + Math.abs(a[j]))));
    }
    // and they differ from plain top-k without feedback (the test can fail)
    double[] none =
        run(
            with(Kind.TOP_K, fb(ErrorFeedback.Kind.NONE, 0)),
            80,
            new ClientCompressionState[N],
            new double[D]);
    assertThat(maxDiff(none, a)).isGreaterThan(1e-3);
  }

  @Test
  void identityCompressor_withAnyFeedback_equalsNoCompression() {
    double[] plain =
        run(
            with(Kind.IDENTITY, fb(ErrorFeedback.Kind.NONE, 0)),
            50,
            new ClientCompressionState[N],
            new double[D]);
    for (ErrorFeedback.Kind k :
        List.of(
            ErrorFeedback.Kind.EF14,
            ErrorFeedback.Kind.EF21,
            ErrorFeedback.Kind.EF21_W,
            ErrorFeedback.Kind.ECONTROL)) {
      double[] x =
          run(with(Kind.IDENTITY, fb(k, 0.1)), 50, new ClientCompressionState[N], new double[D]);
      assertThat(maxDiff(plain, x)).as("%s", k).isLessThan(1e-10);
    }
  }

  @Test
  void ef21sgdm_withIdentity_isMomentumSgd() {
    // with C = identity, h = v: the server applies the mean of the clients' momentum buffers
    ClientCompressionState[] st = new ClientCompressionState[N];
    run(with(Kind.IDENTITY, fb(ErrorFeedback.Kind.EF21_SGDM, 0)), 10, st, new double[D]);
    for (ClientCompressionState s : st) {
      for (int j = 0; j < D; j++) {
        assertThat(s.shift()[j]).isCloseTo(s.momentum[j], within(1e-12));
      }
    }
  }

  @Test
  void withoutFeedback_topKStallsAwayFromTheOptimum_whileEf21AndEControlConverge() {
    // heterogeneous optimum: sum_i a_i b_i / sum a; deterministic gradients; top-4 of 40
    int rounds = 5000;
    double topkNone = distanceToOptimum(fb(ErrorFeedback.Kind.NONE, 0), rounds);
    double ef21 = distanceToOptimum(fb(ErrorFeedback.Kind.EF21, 0), rounds);
    double econtrol = distanceToOptimum(fb(ErrorFeedback.Kind.ECONTROL, 0.05), rounds);
    assertThat(ef21).isLessThan(1e-6);
    assertThat(econtrol).isLessThan(1e-6);
    assertThat(topkNone).isGreaterThan(1e-2);
  }

  private static double distanceToOptimum(ErrorFeedback fb, int rounds) {
    // deterministic version of run(): no noise
    Rng data = new Rng(99);
    double[][] b = new double[N][D];
    double[] a = new double[N];
    double[] opt = new double[D];
    double aSum = 0;
    for (int i = 0; i < N; i++) {
      a[i] = 0.5 + i;
      aSum += a[i];
      for (int j = 0; j < D; j++) {
        b[i][j] = 3 * Draws.normal(data);
      }
    }
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        opt[j] += a[i] * b[i][j] / aSum;
      }
    }
    Compression c = new Compression(new CompressorSpec(Kind.TOP_K, 0, 4, 0, 0, 0, 0, 0, false), fb);
    Encoder enc = new Encoder(c, D);
    Decoder dec = new Decoder(fb, N, D);
    ClientCompressionState[] st = new ClientCompressionState[N];
    for (int i = 0; i < N; i++) {
      st[i] = new ClientCompressionState(new Rng(i));
    }
    double[] x = new double[D];
    double[] u = new double[D];
    double[] uHat = new double[D];
    double[] step = new double[D];
    double gamma = 0.01; // within EF21's 1/(L + L_QM xi(alpha)) for alpha = 0.1
    for (int t = 0; t < rounds; t++) {
      java.util.Arrays.fill(step, 0);
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < D; j++) {
          u[j] = -gamma * a[i] * (x[j] - b[i][j]);
        }
        dec.decode(i, enc.encode(i, u, st[i]), uHat);
        for (int j = 0; j < D; j++) {
          step[j] += uHat[j] / N;
        }
      }
      for (int j = 0; j < D; j++) {
        x[j] += step[j];
      }
    }
    double dist = 0;
    for (int j = 0; j < D; j++) {
      dist += (x[j] - opt[j]) * (x[j] - opt[j]);
    }
    return dist;
  }

  static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }
}
