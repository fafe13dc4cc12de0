package org.decentsim.node.compress;

import org.decentsim.proto.protocol.Payload;

/**
 * The sender side of one direction's compression: applies the error-feedback rule to a client's
 * update, compresses, and keeps the client's state in step with what the receiver will decode (it
 * decodes its own payload, so both sides hold bit-identical mirrors, float32 rounding included).
 * Holds one compressor and scratch space: one instance per thread.
 *
 * <p>The rules, for a client's update {@code u} (ALGORITHMS.md §3.2, §3.4, §4.2, §4.3), where
 * {@code m} is the decoded message:
 *
 * <ul>
 *   <li>none: {@code m = C(u)}.
 *   <li>ef14: {@code p = u + e; m = C(p); e <- p - m}.
 *   <li>ef21: first message {@code g = u} sent uncompressed; then {@code m = C(u - g); g <- g + m}.
 *   <li>ef21-w: ef21 on {@code u / (n w_i)}.
 *   <li>ef21-sgdm: first message {@code v = h = u} uncompressed; then {@code v <- (1 - nu) v + nu
 *       u; m = C(v - h); h <- h + m}.
 *   <li>econtrol: first message {@code h = u} uncompressed, {@code e = 0}; then {@code m = C(eta e
 *       + u - h); e <- e + u - h - m; h <- h + m}.
 *   <li>ec-ideal: {@code m = C(e + u - h*); e <- e + u - h* - m}, with {@code h*} the update at the
 *       optimum.
 * </ul>
 */
public final class Encoder {
  private final Compression compression;
  private final Compressor compressor;
  private final int dim;
  private final double[] input;
  private final double[] decoded;

  public Encoder(Compression compression, int dim) {
    this.compression = compression;
    this.compressor = compression.compressor().create(dim);
    this.dim = dim;
    this.input = new double[dim];
    this.decoded = new double[dim];
  }

  /**
   * Encodes client {@code client}'s update {@code u} (not modified) into its payload, updating its
   * state.
   *
   * @return the client's payload, valid until its next message
   */
  public Payload encode(int client, double[] u, ClientCompressionState s) {
    ErrorFeedback fb = compression.feedback();
    Payload out = s.payload;
    if (s.compressorState == null) {
      s.compressorState = compressor.newState(s.rng);
    }
    switch (fb.kind()) {
      case NONE -> compressor.compress(u, out, s.rng, s.compressorState);
      case EF14 -> {
        double[] e = s.error = orZeros(s.error);
        for (int j = 0; j < dim; j++) {
          input[j] = u[j] + e[j];
        }
        compressor.compress(input, out, s.rng, s.compressorState);
        out.decodeInto(decoded);
        for (int j = 0; j < dim; j++) {
          e[j] = input[j] - decoded[j];
        }
      }
      case EF21, EF21_W -> {
        double scale = fb.kind() == ErrorFeedback.Kind.EF21_W ? fb.scales()[client] : 1.0;
        double[] g = s.shift = orZeros(s.shift);
        if (!s.started) {
          sendDense(u, scale, out);
          out.decodeInto(g);
          s.started = true;
        } else {
          for (int j = 0; j < dim; j++) {
            input[j] = scale * u[j] - g[j];
          }
          compressAndAdd(out, s, g);
        }
      }
      case EF21_SGDM -> {
        double[] h = s.shift = orZeros(s.shift);
        double[] v = s.momentum = orZeros(s.momentum);
        if (!s.started) {
          sendDense(u, 1.0, out);
          out.decodeInto(h);
          System.arraycopy(u, 0, v, 0, dim);
          s.started = true;
        } else {
          double nu = fb.nu();
          for (int j = 0; j < dim; j++) {
            v[j] = (1 - nu) * v[j] + nu * u[j];
            input[j] = v[j] - h[j];
          }
          compressAndAdd(out, s, h);
        }
      }
      case ECONTROL -> {
        double[] h = s.shift = orZeros(s.shift);
        double[] e = s.error = orZeros(s.error);
        if (!s.started) {
          sendDense(u, 1.0, out);
          out.decodeInto(h);
          // the rounding of a float32 first message is error too, so the invariant stays exact
          for (int j = 0; j < dim; j++) {
            e[j] = u[j] - h[j];
          }
          s.started = true;
        } else {
          double eta = fb.eta();
          for (int j = 0; j < dim; j++) {
            input[j] = eta * e[j] + u[j] - h[j];
          }
          compressor.compress(input, out, s.rng, s.compressorState);
          out.decodeInto(decoded);
          for (int j = 0; j < dim; j++) {
            e[j] += u[j] - h[j] - decoded[j];
            h[j] += decoded[j];
          }
        }
      }
      case EC_IDEAL -> {
        double[] e = s.error = orZeros(s.error);
        double[] hStar = fb.idealShifts()[client];
        for (int j = 0; j < dim; j++) {
          input[j] = e[j] + u[j] - hStar[j];
        }
        compressor.compress(input, out, s.rng, s.compressorState);
        out.decodeInto(decoded);
        for (int j = 0; j < dim; j++) {
          e[j] = input[j] - decoded[j];
        }
      }
    }
    return out;
  }

  private void compressAndAdd(Payload out, ClientCompressionState s, double[] target) {
    compressor.compress(input, out, s.rng, s.compressorState);
    out.decodeInto(decoded);
    for (int j = 0; j < dim; j++) {
      target[j] += decoded[j];
    }
  }

  private void sendDense(double[] u, double scale, Payload out) {
    out.setDense(dim, compression.compressor().float32());
    double[] v = out.values();
    for (int j = 0; j < dim; j++) {
      v[j] = scale * u[j];
    }
    out.seal();
  }

  private double[] orZeros(double[] v) {
    return v != null ? v : new double[dim];
  }
}
