package org.decentsim.node.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamsTest {
  @Test
  void stream_sameNameAndIndex_sameDraws() {
    Streams s = new Streams(7);
    Rng a = s.stream("client-batch", 3);
    Rng b = s.stream("client-batch", 3);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void derive_differentNameIndexOrSeed_differentStreams() {
    long base = Streams.derive(7, "client-batch", 3);
    assertThat(Streams.derive(7, "client-batch", 4)).isNotEqualTo(base);
    assertThat(Streams.derive(7, "compute-delay", 3)).isNotEqualTo(base);
    assertThat(Streams.derive(8, "client-batch", 3)).isNotEqualTo(base);
  }

  @Test
  void derive_isAFixedFunction_pinnedValue() {
    // pins the derivation: changing it would silently change every recorded digest
    assertThat(Streams.derive(1, "partition", 0)).isEqualTo(843297242785342338L);
    assertThat(Streams.derive(42, "client-batch", 123456)).isEqualTo(8315683680241108923L);
    assertThat(new Streams(1).stream("partition", 0).nextLong())
        .isEqualTo(new SplittableRandom(Streams.derive(1, "partition", 0)).nextLong());
  }

  @Test
  void stream_cachedNameHashes_sameSeedsAsDerive_evenForNamesSharingACacheSlot() {
    Streams s = new Streams(42);
    // "Aa" and "BB" have equal String hash codes, so they share a slot of the name cache
    String[] names = {"Aa", "BB", "client-batch", "compute-delay", "Aa", "client-batch", "BB"};
    for (int round = 0; round < 3; round++) {
      for (String name : names) {
        for (long index : new long[] {0, 5, 123456}) {
          assertThat(s.stream(new String(name), index).state())
              .as("%s %d", name, index)
              .isEqualTo(Streams.derive(42, name, index));
        }
      }
    }
  }

  @Test
  void rng_sameOutputsAsSplittableRandom_andStateRoundTrips() {
    for (long seed : new long[] {0, 1, -7, 0x123456789abcdefL}) {
      Rng r = new Rng(seed);
      SplittableRandom j = new SplittableRandom(seed);
      for (int i = 0; i < 20_000; i++) {
        switch (i % 5) {
          case 0 -> assertThat(r.nextLong()).isEqualTo(j.nextLong());
          case 1 -> assertThat(r.nextInt()).isEqualTo(j.nextInt());
          case 2 -> assertThat(r.nextInt(1000)).isEqualTo(j.nextInt(1000));
          case 3 -> assertThat(r.nextInt(1 << 20)).isEqualTo(j.nextInt(1 << 20));
          default -> assertThat(r.nextDouble()).isEqualTo(j.nextDouble());
        }
      }
      Rng copy = new Rng(r.state());
      for (int i = 0; i < 100; i++) {
        assertThat(copy.nextInt(977)).isEqualTo(r.nextInt(977));
      }
    }
  }

  @Test
  void normal_meanAndVariance_matchStandardNormal() {
    Rng r = new Streams(3).stream("test", 0);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double x = Draws.normal(r);
      sum += x;
      sq += x * x;
    }
    double mean = sum / n;
    assertThat(Math.abs(mean)).isLessThan(4 / Math.sqrt(n));
    assertThat(Math.abs(sq / n - 1)).isLessThan(4 * Math.sqrt(2.0 / n));
  }

  @Test
  void gamma_mean_equalsShape() {
    Rng r = new Streams(3).stream("test", 1);
    for (double shape : new double[] {0.1, 0.5, 1, 3.5}) {
      int n = 100_000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Draws.gamma(r, shape);
      }
      // variance of Gamma(k,1) is k: 5 sigma bound on the mean
      assertThat(Math.abs(sum / n - shape)).isLessThan(5 * Math.sqrt(shape / n));
    }
  }
}
