package io.yardmaster.bench.api;

import java.util.List;
import java.util.Map;

/**
 * What one full run measured.
 *
 * @param submissionRates submissions answered per second, per batch of {@value
 *     SubmissionLoad#BATCH}
 * @param submissionP50 median submission latency, ms
 * @param submissionP99 99th percentile submission latency, ms
 * @param levels one entry per tracked-job level
 * @param reads one entry per read run
 */
record RunResult(
    List<Double> submissionRates,
    double submissionP50,
    double submissionP99,
    List<Level> levels,
    List<Reads> reads) {

  RunResult {
    submissionRates = List.copyOf(submissionRates);
    levels = List.copyOf(levels);
    reads = List.copyOf(reads);
  }

  /**
   * Steady state with {@code jobs} jobs running and tracked.
   *
   * @param secondsToRunning from the first submission of this level until every job ran
   * @param livyPerMinute Livy requests per minute, by cluster
   * @param livyOperationsPerMinute Livy requests per minute and cluster (mean over clusters), by
   *     operation
   * @param yardmasterCpu Yardmaster's CPU over the window, in % of one core
   * @param simulatorCpu the simulator's CPU over the window, in % of one core
   * @param heapInUse Yardmaster's heap in use at the end of the window, MB
   * @param heapLive Yardmaster's heap right after a full GC, MB
   */
  record Level(
      int jobs,
      double secondsToRunning,
      Map<String, Double> livyPerMinute,
      Map<String, Double> livyOperationsPerMinute,
      double yardmasterCpu,
      double simulatorCpu,
      double heapInUse,
      double heapLive) {

    Level {
      livyPerMinute = Map.copyOf(livyPerMinute);
      livyOperationsPerMinute = Map.copyOf(livyOperationsPerMinute);
    }

    double meanLivyPerMinute() {
      return livyPerMinute.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
  }

  /**
   * A read run: {@code connections} clients polling random jobs, plainly or with If-None-Match.
   *
   * @param yardmasterCpu Yardmaster's CPU over warm-up and window, % of one core
   * @param simulatorCpu the simulator's CPU, % of one core
   * @param clientCpu the load generator's (this JVM's) CPU, % of one core
   * @param otherCpu every other process on the machine, % of one core (of 200 on 2 cores)
   * @param loadAverage the machine's one-minute load average at the end (our own threads count)
   */
  record Reads(
      int connections,
      boolean conditional,
      LoadRun.Result load,
      double yardmasterCpu,
      double simulatorCpu,
      double clientCpu,
      double otherCpu,
      double loadAverage) {

    String name() {
      return connections + (conditional ? " If-None-Match (304)" : " plain GET (200)");
    }
  }
}
