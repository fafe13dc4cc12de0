package org.decentsim.node.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.decentsim.node.random.Rng;
import org.junit.jupiter.api.Test;

class EncoderTest {
  @Test
  void ef21TopK_runs() {
    int d = 21;
    CompressorSpec spec =
        new CompressorSpec(CompressorSpec.Kind.TOP_K, 0.1, 0, 1, 1, 1, 0, 0, false);
    Compression c =
        new Compression(spec, new ErrorFeedback(ErrorFeedback.Kind.EF21, 0, 0, null, null));
    Encoder enc = new Encoder(c, d);
    ClientCompressionState st = new ClientCompressionState(new Rng(1));
    Rng r = new Rng(3);
    double[] u = new double[d];
    for (int t = 0; t < 5; t++) {
      for (int j = 0; j < d; j++) {
        u[j] = r.nextDouble() - 0.5;
      }
      assertThat(enc.encode(0, u, st).dim()).isEqualTo(d);
    }
  }
}
