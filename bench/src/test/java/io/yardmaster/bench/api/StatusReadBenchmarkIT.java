package io.yardmaster.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status-read benchmark in its {@code --smoke} size (50, then 200 jobs; 5 s windows) against
 * the real application jar, so that the harness cannot rot. It checks what the benchmark reports,
 * not how fast: timings belong to docs/benchmarks.md.
 */
class StatusReadBenchmarkIT {
  private static final Path JAR =
      Path.of(System.getProperty("yardmaster.jar", "../cluster-manager/target/yardmaster.jar"));

  @Test
  void measuresSubmissionsTrackingAndReadsAgainstTheRealApplication() throws Exception {
    assertThat(JAR).as("the application jar (cluster-manager package)").exists();
    Path work = Files.createDirectories(Path.of("target/status-reads-smoke"));

    List<RunResult> runs =
        StatusReadBenchmark.run(
            BenchOptions.parse("--smoke", "--jar", JAR.toString(), "--work-dir", work.toString()));

    RunResult run = runs.get(0);
    assertThat(run.submissionRates()).isNotEmpty().allMatch(rate -> rate > 0);
    assertThat(run.levels()).extracting(RunResult.Level::jobs).containsExactly(50, 200);
    for (RunResult.Level level : run.levels()) {
      assertThat(level.livyPerMinute()).containsOnlyKeys("alpha", "beta", "gamma");
      assertThat(level.livyOperationsPerMinute().get("GET /batches")).isPositive();
      assertThat(level.heapLive()).isPositive().isLessThanOrEqualTo(level.heapInUse() + 1);
    }
    RunResult.Reads plain = run.reads().get(0);
    RunResult.Reads conditional = run.reads().get(1);
    assertThat(plain.load().statuses()).containsOnlyKeys(200);
    assertThat(plain.load().errors()).isZero();
    assertThat(plain.load().p99()).isGreaterThanOrEqualTo(plain.load().p50());
    assertThat(conditional.load().statuses()).containsOnlyKeys(304);
    assertThat(conditional.load().requests()).isPositive();
    assertThat(plain.yardmasterCpu()).isPositive();
  }
}
