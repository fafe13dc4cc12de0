package org.decentsim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A CI-cheap run of the benchmark harness: it works and the engines agree. No timing asserted. */
class BenchSmokeIT {
  @Test
  void bench_overheadScenarioShortened_reportsBothEnginesTheCeilingAndEqualDigests() {
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
            "--ceiling",
            "--set",
            "decentsim.stop.max-events=20000");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("; 2 threads; 2 Worker actors")
        .contains("ceiling: the scenario loaded 2 times, a copy per direct engine")
        .contains("direct engine:")
        .containsPattern(
            "actor engine: +[0-9]+ events/s \\(median\\); the coordinator computed [0-9]+ jobs")
        .containsPattern("ratio actor/direct: [0-9.]+ \\(repeats [0-9.]+ to [0-9.]+\\)")
        .contains("overhead per event:")
        .containsPattern("cores in use .*: direct [0-9.]+, actor [0-9.]+")
        .containsPattern("2 direct at once [0-9]+ events/s")
        .contains("ceiling: 2 direct engines at once, each on a copy of the data of its own");
    assertThat(r.digest()).matches("[0-9a-f]{64}");
    if (Runtime.getRuntime().availableProcessors() >= 2) { // the probe needs two cores
      assertThat(r.out()).containsPattern("events/s; core-to-core round trip [0-9]+ ns");
    }
  }
}
