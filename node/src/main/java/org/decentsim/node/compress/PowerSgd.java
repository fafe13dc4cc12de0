package org.decentsim.node.compress;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.Payload;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * PowerSGD rank r (Vogels et al.; ALGORITHMS.md §7) applied to one client's message: the vector,
 * zero-padded, is reshaped row-major into an {@code n x m} matrix M; with the client's warm-started
 * {@code Q} (m x r): {@code P = M Q}, P orthonormalised (EJML's Householder QR), {@code Q <- M^T
 * P}, and the message is the pair (P, Q), decoded as {@code M_hat = P Q^T = P P^T M}. Since {@code
 * P P^T} is an orthogonal projection, {@code ||C(x) - x|| <= ||x||} always; the contraction itself
 * depends on the data (measured in tests). Sent as both factors, {@code r(n + m)} values.
 *
 * <p>Differences from the library: one power iteration per message, always right-multiplied (no
 * alternation), and no averaging of P and Q across workers between the two phases: in decentsim
 * each client's message is decoded on its own, so this is the per-worker compressor of PowerSGD
 * (the all-reduce version equals it when one client takes part). Compression starts at the first
 * message.
 */
public final class PowerSgd implements Compressor {
  private final int dim;
  private final int rows;
  private final int cols;
  private final int rank;
  private final boolean float32;
  private final DMatrixRMaj m;
  private final DMatrixRMaj q;
  private final DMatrixRMaj p;
  private final DMatrixRMaj orthonormal;
  private final QRDecomposition<DMatrixRMaj> qr;

  /**
   * @param rows rows of the matrix shape, or 0 for {@code ceil(sqrt(dim))}
   * @param cols columns, or 0 for {@code ceil(dim / rows)}
   */
  public PowerSgd(int dim, int rank, int rows, int cols, boolean float32) {
    this.dim = dim;
    this.rows = rows > 0 ? rows : (int) Math.ceil(Math.sqrt(dim));
    this.cols = cols > 0 ? cols : (dim + this.rows - 1) / this.rows;
    if ((long) this.rows * this.cols < dim) {
      throw new IllegalArgumentException(
          "powersgd shape " + this.rows + " x " + this.cols + " cannot hold dimension " + dim);
    }
    if (rank < 1 || rank > Math.min(this.rows, this.cols)) {
      throw new IllegalArgumentException(
          "powersgd rank must be in [1, "
              + Math.min(this.rows, this.cols)
              + "] for shape "
              + this.rows
              + " x "
              + this.cols
              + ", got "
              + rank);
    }
    this.rank = rank;
    this.float32 = float32;
    this.m = new DMatrixRMaj(this.rows, this.cols);
    this.q = new DMatrixRMaj(this.cols, rank);
    this.p = new DMatrixRMaj(this.rows, rank);
    this.orthonormal = new DMatrixRMaj(this.rows, rank);
    this.qr = DecompositionFactory_DDRM.qr(this.rows, rank);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  @Override
  public String name() {
    return "powersgd";
  }

  @Override
  public CompressorClass compressorClass() {
    return CompressorClass.dataDependent();
  }

  /** The initial Q: independent standard normal entries. */
  @Override
  public double[] newState(Rng rng) {
    double[] state = new double[cols * rank];
    for (int i = 0; i < state.length; i++) {
      state[i] = org.decentsim.node.random.Draws.normal(rng);
    }
    return state;
  }

  /**
   * Modified Gram–Schmidt of the columns of {@code a} into {@code out}, with a column that is
   * (numerically) dependent on the previous ones set to zero; {@code P P^T} stays a projection.
   */
  private static void gramSchmidt(DMatrixRMaj a, DMatrixRMaj out) {
    out.setTo(a);
    int n = out.numRows;
    int r = out.numCols;
    double[] v = out.data;
    for (int k = 0; k < r; k++) {
      double before = 0;
      for (int i = 0; i < n; i++) {
        before += v[i * r + k] * v[i * r + k];
      }
      for (int c = 0; c < k; c++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += v[i * r + c] * v[i * r + k];
        }
        for (int i = 0; i < n; i++) {
          v[i * r + k] -= dot * v[i * r + c];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += v[i * r + k] * v[i * r + k];
      }
      boolean dependent = !(norm > 1e-24 * before) || norm == 0;
      double inv = dependent ? 0 : 1 / Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        v[i * r + k] *= inv;
      }
    }
  }

  @Override
  public void compress(double[] x, Payload out, Rng rng, double[] state) {
    double[] md = m.data;
    System.arraycopy(x, 0, md, 0, dim);
    java.util.Arrays.fill(md, dim, md.length, 0.0);
    System.arraycopy(state, 0, q.data, 0, state.length);
    CommonOps_DDRM.mult(m, q, p);
    if (qr.decompose(p)) {
      qr.getQ(orthonormal, true);
    } else {
      gramSchmidt(p, orthonormal); // P is rank-deficient (e.g. M = 0)
    }
    out.setLowRank(dim, rows, cols, rank, float32);
    System.arraycopy(orthonormal.data, 0, out.p(), 0, rows * rank);
    out.seal(); // the receiver sees the rounded P; Q is computed from it
    System.arraycopy(out.p(), 0, orthonormal.data, 0, rows * rank);
    CommonOps_DDRM.multTransA(m, orthonormal, q);
    System.arraycopy(q.data, 0, out.q(), 0, cols * rank);
    out.seal();
    System.arraycopy(q.data, 0, state, 0, state.length); // warm start for the next message
  }
}
