package io.yardmaster.bench.api;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The medians over runs, as the Markdown tables of docs/benchmarks.md. */
final class ResultTables {
  private ResultTables() {}

  static void print(BenchOptions options, List<RunResult> runs, PrintStream out) {
    String over = "median of " + runs.size() + (runs.size() == 1 ? " run" : " runs");
    out.println();
    out.println("Submissions (POST /api/v1/jobs, " + options.submitters() + " clients):");
    out.println();
    out.println("| metric | " + over + " |");
    out.println("|---|---|");
    row(
        out,
        "submissions/s (median of the batches of 500)",
        runs,
        run -> median(run.submissionRates()),
        "%.0f");
    row(out, "submission latency p50 (ms)", runs, RunResult::submissionP50, "%.1f");
    row(out, "submission latency p99 (ms)", runs, RunResult::submissionP99, "%.1f");
    out.println();
    out.println(
        "Tracking, with every job RUNNING (Livy counted over "
            + options.livyWindow().toSeconds()
            + " s per level):");
    out.println();
    out.println(
        "| jobs tracked | Livy requests/min per cluster | of which GET /batches | Yardmaster CPU (% of a core) | heap in use / live after GC (MB) | s from first submission to all RUNNING |");
    out.println("|---|---|---|---|---|---|");
    for (int i = 0; i < options.levels().size(); i++) {
      int index = i;
      out.printf(
          Locale.ROOT,
          "| %,d | %.0f | %.0f | %.0f | %.0f / %.0f | %.0f |%n",
          options.levels().get(i),
          median(runs, run -> run.levels().get(index).meanLivyPerMinute()),
          median(
              runs,
              run ->
                  run.levels()
                      .get(index)
                      .livyOperationsPerMinute()
                      .getOrDefault("GET /batches", 0.0)),
          median(runs, run -> run.levels().get(index).yardmasterCpu()),
          median(runs, run -> run.levels().get(index).heapInUse()),
          median(runs, run -> run.levels().get(index).heapLive()),
          median(runs, run -> run.levels().get(index).secondsToRunning()));
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "Status reads, GET /api/v1/jobs/{id} of random jobs among %,d, %d s per run after %d s warm-up:%n",
        options.jobs(),
        options.readWindow().toSeconds(),
        options.readWarmUp().toSeconds());
    out.println();
    out.println(
        "| clients | reads/s | p50 ms | p99 ms | p99.9 ms | CPU % Yardmaster / simulator / load generator / other processes (of 200) | load average |");
    out.println("|---|---|---|---|---|---|---|");
    for (int i = 0; i < runs.get(0).reads().size(); i++) {
      int index = i;
      out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.2f | %.2f | %.2f | %.0f / %.0f / %.0f / %.0f | %.1f |%n",
          runs.get(0).reads().get(i).name(),
          median(runs, run -> run.reads().get(index).load().perSecond()),
          median(runs, run -> run.reads().get(index).load().p50()),
          median(runs, run -> run.reads().get(index).load().p99()),
          median(runs, run -> run.reads().get(index).load().p999()),
          median(runs, run -> run.reads().get(index).yardmasterCpu()),
          median(runs, run -> run.reads().get(index).simulatorCpu()),
          median(runs, run -> run.reads().get(index).clientCpu()),
          median(runs, run -> run.reads().get(index).otherCpu()),
          median(runs, run -> run.reads().get(index).loadAverage()));
    }
  }

  private static void row(
      PrintStream out,
      String name,
      List<RunResult> runs,
      ToDoubleFunction<RunResult> value,
      String format) {
    out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, median(runs, value));
  }

  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
    return median(runs.stream().mapToDouble(value).boxed().toList());
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
