package org.decentsim.node.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class PortableMathTest {
  private static final double[] SPECIAL = {
    0.0,
    -0.0,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Math.nextDown(Double.MIN_NORMAL),
    Double.MAX_VALUE,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NaN,
    1.0,
    Math.nextUp(1.0),
    Math.nextDown(1.0),
    2.0,
    0.5,
    Math.E,
    -1.0,
    0x1.0p-27,
    0x1.0p-28,
    0.3,
    0.78125,
    Math.PI / 4,
    Math.PI / 2,
    Math.PI,
    2 * Math.PI,
    0x1.0p19 * Math.PI / 2,
    0x1.0p20 * Math.PI / 2,
    1e300,
  };

  @Test
  void log_equalsStrictMath_bitForBit() {
    Rng r = new Rng(1);
    assertSameBits("log", PortableMath::log, StrictMath::log, SPECIAL);
    for (int i = 0; i < 1_000_000; i++) {
      double uniform = r.nextDouble();
      double anyBits = Double.longBitsToDouble(r.nextLong());
      double nearOne = 1 + (r.nextDouble() - 0.5) * 0x1.0p-18;
      double subnormal = r.nextDouble() * Double.MIN_NORMAL;
      assertSameBits(
          "log",
          PortableMath::log,
          StrictMath::log,
          uniform,
          anyBits,
          nearOne,
          subnormal,
          -uniform);
    }
  }

  @Test
  void cos_equalsStrictMath_bitForBit() {
    Rng r = new Rng(2);
    assertSameBits("cos", PortableMath::cos, StrictMath::cos, SPECIAL);
    for (int i = 0; i < 1_000_000; i++) {
      double turn = 2 * StrictMath.PI * r.nextDouble(); // the Box–Muller argument
      double small = (r.nextDouble() - 0.5) * 20;
      double medium = (r.nextDouble() - 0.5) * 0x1.0p21 * Math.PI;
      double anyBits = Double.longBitsToDouble(r.nextLong());
      assertSameBits(
          "cos", PortableMath::cos, StrictMath::cos, turn, small, medium, anyBits, 1e-9 * small);
    }
  }

  @Test
  void cos_equalsStrictMath_nearMultiplesOfHalfPi() {
    // arguments closest to n pi/2 lose the most bits to cancellation and take the extra
    // reduction steps
    Rng r = new Rng(3);
    for (int n = 1; n <= 2_000; n++) {
      long k = n <= 1_000 ? n : 1 + r.nextInt(1 << 19);
      double center = k * (Math.PI / 2);
      double x = center;
      double y = center;
      for (int step = 0; step < 64; step++) {
        assertSameBits("cos", PortableMath::cos, StrictMath::cos, x, -x, y, -y);
        x = Math.nextUp(x);
        y = Math.nextDown(y);
      }
    }
  }

  @Test
  void log1p_equalsStrictMath_bitForBit() {
    Rng r = new Rng(3);
    assertSameBits("log1p", PortableMath::log1p, StrictMath::log1p, SPECIAL);
    assertSameBits(
        "log1p",
        PortableMath::log1p,
        StrictMath::log1p,
        -0.5,
        Math.nextDown(-1.0),
        Math.nextUp(-1.0),
        -0.29289,
        -0.29290,
        0.41421,
        0.41422,
        0x1.0p-29,
        0x1.0p-54,
        0x1.0p53,
        Math.nextDown(0x1.0p53));
    for (int i = 0; i < 1_000_000; i++) {
      double uniform = r.nextDouble();
      double anyBits = Double.longBitsToDouble(r.nextLong());
      double softplus = StrictMath.exp(-20 * r.nextDouble()); // the logistic loss's arguments
      double small = (r.nextDouble() - 0.5) * 0x1.0p-20;
      double wide = StrictMath.exp((r.nextDouble() - 0.5) * 1400);
      assertSameBits(
          "log1p",
          PortableMath::log1p,
          StrictMath::log1p,
          uniform,
          anyBits,
          softplus,
          small,
          wide,
          -uniform,
          uniform - 1);
    }
  }

  private static void assertSameBits(
      String name, DoubleUnaryOperator ours, DoubleUnaryOperator strict, double... xs) {
    for (double x : xs) {
      long expected = Double.doubleToRawLongBits(strict.applyAsDouble(x));
      long actual = Double.doubleToRawLongBits(ours.applyAsDouble(x));
      assertThat(Long.toHexString(actual))
          .as("%s(%s), argument bits %x", name, x, Double.doubleToRawLongBits(x))
          .isEqualTo(Long.toHexString(expected));
    }
  }
}
