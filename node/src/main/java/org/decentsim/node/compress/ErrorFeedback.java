package org.decentsim.node.compress;

import java.util.Locale;

/**
 * Which error-feedback rule wraps the compressor (ALGORITHMS.md §3–§4) and its parameters. The
 * rules are written for a client's update {@code u} (its local model change, {@code -gamma g} for
 * one gradient step), so the server step {@code x <- x + mean(u_hat)} of FedAvg is the papers'
 * {@code x <- x - gamma * mean(...)}.
 *
 * @param eta EControl's feedback strength
 * @param nu EF21-SGDM's momentum weight ({@code v <- (1 - nu) v + nu u})
 * @param scales EF21-W: per client {@code 1/(n w_i)} with {@code w_i = L_i / sum_j L_j}; else null
 * @param idealShifts EC-Ideal: per client the update at the optimum, {@code -gamma grad f_i(x*)};
 *     else null
 */
public record ErrorFeedback(
    Kind kind, double eta, double nu, double[] scales, double[][] idealShifts) {

  /** The rules, by scenario name. */
  public enum Kind {
    NONE,
    EF14,
    EF21,
    EF21_W,
    EF21_SGDM,
    ECONTROL,
    EC_IDEAL;

    /** The scenario name, e.g. {@code ef21-sgdm}. */
    public String scenarioName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * True for the rules whose first message of a client is its update sent uncompressed, to
     * initialise the shift both sides keep ({@code g_i^0}, {@code h_i^0}).
     */
    public boolean sendsInitialUpdate() {
      return this == EF21 || this == EF21_W || this == EF21_SGDM || this == ECONTROL;
    }
  }

  /** No error feedback. */
  public static ErrorFeedback none() {
    return new ErrorFeedback(Kind.NONE, 0, 0, null, null);
  }

  public ErrorFeedback {
    if (kind == Kind.EF21_W && scales == null) {
      throw new IllegalArgumentException("ef21-w needs the clients' weights");
    }
    if (kind == Kind.EC_IDEAL && idealShifts == null) {
      throw new IllegalArgumentException("ec-ideal needs the clients' updates at the optimum");
    }
  }
}
