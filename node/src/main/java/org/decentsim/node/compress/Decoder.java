package org.decentsim.node.compress;

import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;
import org.decentsim.proto.protocol.Payload;

/**
 * The receiver side of one direction's compression: turns a client's message into the receiver's
 * estimate {@code u_hat} of that client's update, keeping the mirrored state the rule needs.
 *
 * <ul>
 *   <li>none, ef14: {@code u_hat = m}.
 *   <li>ef21, ef21-sgdm, econtrol: the mirrored shift, {@code g_i <- g_i + m} (the first message
 *       sets it), {@code u_hat = g_i}. FedAvg's mean of these is the papers' {@code g = mean_i
 *       g_i}.
 *   <li>ef21-w: as ef21, then {@code u_hat = n w_i g_i}, so that the mean is {@code sum_i w_i g_i}.
 *   <li>ec-ideal: {@code u_hat = h*_i + m}.
 * </ul>
 *
 * <p>Mirrors are allocated per client on its first message. One instance per receiver; not
 * thread-safe.
 */
public final class Decoder implements Checkpointable {
  private final ErrorFeedback feedback;
  private final int dim;
  private final double[][] shifts;
  private final double[] decoded;

  public Decoder(ErrorFeedback feedback, int clients, int dim) {
    this(feedback, dim, new double[clients][]);
  }

  /**
   * A decoder keeping its per-client mirrors in {@code mirrors} (indexed by client, filled on first
   * use), so that several decoders on different threads can serve disjoint sets of clients of one
   * array; each decoder has its own scratch space.
   */
  public Decoder(ErrorFeedback feedback, int dim, double[][] mirrors) {
    this.feedback = feedback;
    this.dim = dim;
    this.shifts = feedback.kind().sendsInitialUpdate() ? mirrors : null;
    this.decoded = new double[dim];
  }

  /** Writes the estimate of client {@code client}'s update from {@code p} into {@code out}. */
  public void decode(int client, Payload p, double[] out) {
    if (p.dim() != dim) {
      throw new IllegalStateException(
          "client " + client + " sent a message of dimension " + p.dim() + ", expected " + dim);
    }
    switch (feedback.kind()) {
      case NONE, EF14 -> p.decodeInto(out);
      case EC_IDEAL -> {
        p.decodeInto(out);
        double[] h = feedback.idealShifts()[client];
        for (int j = 0; j < dim; j++) {
          out[j] += h[j];
        }
      }
      case EF21, EF21_W, EF21_SGDM, ECONTROL -> {
        double[] g = shifts[client];
        if (g == null) {
          g = shifts[client] = new double[dim];
          p.decodeInto(g);
        } else {
          p.decodeInto(decoded);
          for (int j = 0; j < dim; j++) {
            g[j] += decoded[j];
          }
        }
        if (feedback.kind() == ErrorFeedback.Kind.EF21_W) {
          double back = 1 / feedback.scales()[client];
          for (int j = 0; j < dim; j++) {
            out[j] = back * g[j];
          }
        } else {
          System.arraycopy(g, 0, out, 0, dim);
        }
      }
    }
  }

  /** True when this decoder keeps a mirror per client ({@link #reset} has something to forget). */
  public boolean keepsMirrors() {
    return shifts != null;
  }

  /** Forgets client {@code client}'s mirror: its next message is decoded as its first one. */
  public void reset(int client) {
    if (shifts != null) {
      shifts[client] = null;
    }
  }

  @Override
  public void saveState(StateWriter w) {
    if (shifts != null) {
      for (double[] g : shifts) {
        w.writeNullableDoubles(g);
      }
    }
  }

  @Override
  public void restoreState(StateReader r) {
    if (shifts != null) {
      for (int c = 0; c < shifts.length; c++) {
        shifts[c] = r.readNullableDoubles();
      }
    }
  }
}
