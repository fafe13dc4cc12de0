package org.decentsim.node.math;

/**
 * {@code log}, {@code log1p} and {@code cos} that return exactly what {@link StrictMath} returns,
 * computed in Java.
 *
 * <p>{@link StrictMath} specifies the results of the fdlibm 5.3 algorithms. On JDK 17 its {@code
 * log}, {@code log1p} and {@code cos} are native calls that the JIT cannot inline: {@code log} and
 * {@code cos} cost about twice as much as the rest of a Gaussian draw, and {@code log1p} is half
 * the logistic loss of a sample. These are the same algorithms written in Java: the same polynomial
 * coefficients, the same argument reduction and the same order of rounded operations. Java
 * arithmetic is strict (IEEE 754, round to nearest, no fused multiply-add), so the results are
 * bit-identical on every JVM and machine. {@code PortableMathTest} compares them with {@link
 * StrictMath} bit for bit over ranges, special values and the arguments closest to multiples of
 * pi/2.
 *
 * <p>{@code cos} handles {@code |x| <= 2^19 pi/2} itself and passes larger arguments, which need
 * the many-digit reduction, to {@link StrictMath#cos}.
 */
public final class PortableMath {
  private PortableMath() {}

  private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
  private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
  private static final double TWO54 = 0x1.0p54;
  // minimax polynomial for log(1+f) in s = f/(2+f), coefficients of s^2 .. s^14
  private static final double LG1 = Double.longBitsToDouble(0x3fe5555555555593L);
  private static final double LG2 = Double.longBitsToDouble(0x3fd999999997fa04L);
  private static final double LG3 = Double.longBitsToDouble(0x3fd2492494229359L);
  private static final double LG4 = Double.longBitsToDouble(0x3fcc71c51d8e78afL);
  private static final double LG5 = Double.longBitsToDouble(0x3fc7466496cb03deL);
  private static final double LG6 = Double.longBitsToDouble(0x3fc39a09d078c69fL);
  private static final double LG7 = Double.longBitsToDouble(0x3fc2f112df3e5244L);

  /** Natural logarithm, equal to {@link StrictMath#log} for every argument. */
  public static double log(double x) {
    int hx = high(x);
    int lx = (int) Double.doubleToRawLongBits(x);
    int k = 0;
    if (hx < 0x00100000) { // x < 2^-1022: zero, subnormal or negative
      if (((hx & 0x7fffffff) | lx) == 0) {
        return Double.NEGATIVE_INFINITY;
      }
      if (hx < 0) {
        return (x - x) / 0.0; // NaN, with the bits the native code gives
      }
      k -= 54;
      x *= TWO54;
      hx = high(x);
    }
    if (hx >= 0x7ff00000) {
      return x + x; // infinity or NaN
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    // scale the mantissa into [sqrt(2)/2, sqrt(2)) and count the halving in k
    int i = (hx + 0x95f64) & 0x100000;
    x = withHigh(x, hx | (i ^ 0x3ff00000));
    k += i >> 20;
    double f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
      if (f == 0) {
        if (k == 0) {
          return 0;
        }
        double dk = k;
        return dk * LN2_HI + dk * LN2_LO;
      }
      double r = f * f * (0.5 - 0.33333333333333333 * f);
      if (k == 0) {
        return f - r;
      }
      double dk = k;
      return dk * LN2_HI - ((r - dk * LN2_LO) - f);
    }
    double s = f / (2.0 + f);
    double dk = k;
    double z = s * s;
    int lower = hx - 0x6147a;
    double w = z * z;
    int upper = 0x6b851 - hx;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    double r = t2 + t1;
    // fdlibm returns f - (...) when k = 0; dk ln2 - ((...) - f) with dk = 0 is the same double,
    // since f != 0 here makes the result non-zero, and one branch fewer is faster on random input
    if ((lower | upper) > 0) { // mantissa far from 1: keep f^2/2 apart for accuracy
      double hfsq = 0.5 * f * f;
      return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  }

  /** {@code log(1 + x)}, equal to {@link StrictMath#log1p} for every argument. */
  public static double log1p(double x) {
    int hx = high(x);
    int ax = hx & 0x7fffffff;
    int k = 1;
    int hu = 0;
    double f = 0;
    double c = 0;
    if (hx < 0x3fda827a) { // x < 0.41422
      if (ax >= 0x3ff00000) { // x <= -1
        return x == -1.0 ? Double.NEGATIVE_INFINITY : (x - x) / (x - x);
      }
      if (ax < 0x3e200000) { // |x| < 2^-29
        return ax < 0x3c900000 ? x : x - x * x * 0.5;
      }
      if (hx > 0 || hx <= 0xbfd2bec3) { // -0.2929 < x < 0.41422: 1 + x needs no reduction
        k = 0;
        f = x;
        hu = 1;
      }
    }
    if (hx >= 0x7ff00000) {
      return x + x; // infinity or NaN
    }
    if (k != 0) {
      double u;
      if (hx < 0x43400000) { // x < 2^53: 1 + x, and the rounding error of that sum in c
        u = 1.0 + x;
        hu = high(u);
        k = (hu >> 20) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
        c /= u;
      } else {
        u = x;
        hu = high(u);
        k = (hu >> 20) - 1023;
        c = 0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) { // mantissa below sqrt(2): u scaled into [1, sqrt(2))
        u = withHigh(u, hu | 0x3ff00000);
      } else { // u/2 scaled into [sqrt(2)/2, 1)
        k += 1;
        u = withHigh(u, hu | 0x3fe00000);
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    double dk = k;
    if (hu == 0) { // |f| < 2^-20
      if (f == 0) {
        if (k == 0) {
          return 0;
        }
        c += dk * LN2_LO;
        return dk * LN2_HI + c;
      }
      double r = hfsq * (1.0 - 0.66666666666666666 * f);
      return k == 0 ? f - r : dk * LN2_HI - ((r - (dk * LN2_LO + c)) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
    if (k == 0) {
      return f - (hfsq - s * (hfsq + r));
    }
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + (dk * LN2_LO + c))) - f);
  }

  // cos(x) on [-pi/4, pi/4]: 1 - x^2/2 + x^4 (C1 + x^2 C2 + ... + x^10 C6)
  private static final double C1 = Double.longBitsToDouble(0x3fa555555555554cL);
  private static final double C2 = Double.longBitsToDouble(0xbf56c16c16c15177L);
  private static final double C3 = Double.longBitsToDouble(0x3efa01a019cb1590L);
  private static final double C4 = Double.longBitsToDouble(0xbe927e4f809c52adL);
  private static final double C5 = Double.longBitsToDouble(0x3e21ee9ebdb4b1c4L);
  private static final double C6 = Double.longBitsToDouble(0xbda8fae9be8838d4L);
  // sin(x) on [-pi/4, pi/4]: x + x^3 (S1 + x^2 S2 + ... + x^10 S6)
  private static final double S1 = Double.longBitsToDouble(0xbfc5555555555549L);
  private static final double S2 = Double.longBitsToDouble(0x3f8111111110f8a6L);
  private static final double S3 = Double.longBitsToDouble(0xbf2a01a019c161d5L);
  private static final double S4 = Double.longBitsToDouble(0x3ec71de357b1fe7dL);
  private static final double S5 = Double.longBitsToDouble(0xbe5ae5e68a2b9cebL);
  private static final double S6 = Double.longBitsToDouble(0x3de5d93a5acfd57cL);
  // pi/2 split into 33-bit pieces and their tails, for the reduction x - n pi/2
  private static final double INV_PIO2 = Double.longBitsToDouble(0x3fe45f306dc9c883L);
  private static final double PIO2_1 = Double.longBitsToDouble(0x3ff921fb54400000L);
  private static final double PIO2_1T = Double.longBitsToDouble(0x3dd0b4611a626331L);
  private static final double PIO2_2 = Double.longBitsToDouble(0x3dd0b4611a600000L);
  private static final double PIO2_2T = Double.longBitsToDouble(0x3ba3198a2e037073L);
  private static final double PIO2_3 = Double.longBitsToDouble(0x3ba3198a2e000000L);
  private static final double PIO2_3T = Double.longBitsToDouble(0x397b839a252049c1L);
  // the next pieces, each subtracted when the result so far lost more bits than BITS_LOST
  private static final double[] PIECE = {PIO2_2, PIO2_3};
  private static final double[] PIECE_TAIL = {PIO2_2T, PIO2_3T};
  private static final int[] BITS_LOST = {16, 49};
  // high words of n pi/2 for n = 1..32: arguments sharing one may lose many bits to cancellation
  private static final int[] NPIO2_HIGH = {
    0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
    0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
    0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
    0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
  };

  /**
   * Cosine, equal to {@link StrictMath#cos} for every argument.
   *
   * <p>fdlibm's steps, rearranged to branch less on random arguments, with the same rounded
   * operations: fdlibm's results for {@code x} and {@code -x} are the same double (its kernels are
   * exactly even and odd), so this reduces {@code |x|}; for {@code n = 1} and {@code n = 0}
   * fdlibm's own reductions equal the general one; and both kernels are evaluated, the quadrant
   * picking one and its sign.
   */
  public static double cos(double x) {
    int ix = high(x) & 0x7fffffff;
    if (ix >= 0x7ff00000) {
      return x - x; // infinity or NaN
    }
    if (ix > 0x413921fb) { // |x| > 2^19 pi/2: many-digit reduction
      return StrictMath.cos(x);
    }
    // |x| = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4; fdlibm takes n = 0 up to this high word
    double t = Math.abs(x);
    int n = ix <= 0x3fe921fb ? 0 : (int) (t * INV_PIO2 + 0.5);
    double fn = n;
    double r = t - fn * PIO2_1;
    double w = fn * PIO2_1T;
    double y0 = r - w;
    if (n > 0 && (n >= 32 || ix == NPIO2_HIGH[n - 1])) { // cancellation possible
      if (n == 1) { // near pi/2: fdlibm always subtracts the second piece
        double z = (t - PIO2_1) - PIO2_2;
        y0 = z - PIO2_2T;
        return -kernelSin(y0, (z - y0) - PIO2_2T);
      }
      int j = ix >> 20;
      for (int k = 0; k < PIECE.length && j - ((high(y0) >> 20) & 0x7ff) > BITS_LOST[k]; k++) {
        t = r;
        w = fn * PIECE[k];
        r = t - w;
        w = fn * PIECE_TAIL[k] - ((t - r) - w);
        y0 = r - w;
      }
    }
    double y1 = (r - y0) - w;
    // quadrant n & 3: cos, -sin, -cos, sin
    double v = (n & 1) == 0 ? kernelCos(y0, y1) : kernelSin(y0, y1);
    long sign = (long) ((n + 1) & 2) << 62;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ sign);
  }

  /** cos(x + y) for |x + y| <= pi/4, y the tail of x. */
  private static double kernelCos(double x, double y) {
    int ix = high(x) & 0x7fffffff;
    if (ix < 0x3e400000 && (int) x == 0) { // |x| < 2^-27
      return 1.0;
    }
    double z = x * x;
    double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    // fdlibm returns 1 - (z/2 - (z r - x y)) below |x| = 0.3, the general form with qx = 0
    long qxBits = (long) (ix - 0x00200000) << 32; // about x/4
    qxBits = ix < 0x3fd33333 ? 0 : ix > 0x3fe90000 ? 0x3fd2000000000000L : qxBits;
    double qx = Double.longBitsToDouble(qxBits);
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
  }

  /** sin(x + y) for |x + y| <= pi/4, y the tail of x. */
  private static double kernelSin(double x, double y) {
    int ix = high(x) & 0x7fffffff;
    if (ix < 0x3e400000 && (int) x == 0) { // |x| < 2^-27
      return x;
    }
    double z = x * x;
    double v = z * x;
    double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
  }

  private static int high(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  private static double withHigh(double x, int high) {
    long low = Double.doubleToRawLongBits(x) & 0xffffffffL;
    return Double.longBitsToDouble(((long) high << 32) | low);
  }
}
