package org.decentsim.node.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticTest {
  private static String digest(DataSet d) throws NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer scratch = ByteBuffer.allocate(64);
    for (int r = 0; r < d.rows(); r++) {
      d.digestRow(r, md, scratch);
      md.update((byte) d.groupsOrNull()[r]);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static DataSet make(Synthetic.Kind kind, int samples, int groups, int threads) {
    return Synthetic.generate(
        new Streams(7), kind, samples, 5, 3, groups, 0.7, 0.3, false, threads);
  }

  @ParameterizedTest
  @CsvSource({
    "LOGISTIC, 101, 7",
    "LOGISTIC, 50, 50",
    "LINEAR, 97, 4",
    "LINEAR, 40, 1",
    "MULTICLASS, 83, 9",
  })
  void severalThreads_giveEveryRowTheValuesOfOnePass(String kind, int samples, int groups)
      throws NoSuchAlgorithmException {
    Synthetic.Kind k = Synthetic.Kind.valueOf(kind);
    String onePass = digest(make(k, samples, groups, 1));
    for (int threads : new int[] {2, 3, 5}) {
      assertThat(digest(make(k, samples, groups, threads)))
          .as("%d threads", threads)
          .isEqualTo(onePass);
    }
    // the digest sees the data: another seed differs
    DataSet other =
        Synthetic.generate(new Streams(8), k, samples, 5, 3, groups, 0.7, 0.3, false, 2);
    assertThat(digest(other)).isNotEqualTo(onePass);
  }

  @Test
  void onePass_keepsTheValuesOfEarlierReleases() throws NoSuchAlgorithmException {
    // computed by the single-pass generator before rows could be generated in ranges
    assertThat(digest(make(Synthetic.Kind.LOGISTIC, 101, 7, 1))).isEqualTo(PINNED);
  }

  @ParameterizedTest
  @CsvSource({"LOGISTIC, 1", "LOGISTIC, 3", "LINEAR, 2", "MULTICLASS, 1"})
  void intercept_isTheDataSetWithInterceptWouldReturn(String kind, int threads)
      throws NoSuchAlgorithmException {
    Synthetic.Kind k = Synthetic.Kind.valueOf(kind);
    DataSet appended = make(k, 61, 6, 1).withIntercept();
    DataSet written = Synthetic.generate(new Streams(7), k, 61, 5, 3, 6, 0.7, 0.3, true, threads);
    assertThat(written.dim()).isEqualTo(6);
    assertThat(digest(written)).isEqualTo(digest(appended));
    assertThat(digest(written)).isNotEqualTo(digest(make(k, 61, 6, 1)));
  }

  static final String PINNED = "76026c3e490f0dfdb67584a074133b0f47b81e0f8d3ce8039d5e918cd5dbff3d";

  @Test
  void skip_movesTheStreamAheadByThatManyDraws() {
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 1000; i++) {
      a.nextDouble();
    }
    b.skip(1000);
    assertThat(b.nextLong()).isEqualTo(a.nextLong());
  }
}
