package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A CI-cheap run of the benchmark harness: it works and the engines agree. No timing asserted. */
class BenchSmokeIT {
  @Test
  void bench_overheadScenarioShortened_reportsBothEnginesAndEqualDigests() {
    Cli r =
        Cli.run(
            "bench",
            "config/bench/overhead.conf",
            "--threads",
            "2",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--set",
            "decentsim.stop.max-events=20000");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("direct engine:")
        .contains("actor engine:")
        .contains("ratio actor/direct:")
        .contains("overhead per event:");
    assertThat(r.digest()).matches("[0-9a-f]{64}");
  }
}
