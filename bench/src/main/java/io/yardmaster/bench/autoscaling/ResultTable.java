package io.yardmaster.bench.autoscaling;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown table. */
final class ResultTable {
  private ResultTable() {}

  static void print(
      List<RunResult> results,
      double lb0Hours,
      double lb1Hours,
      double price,
      double spotPrice,
      PrintStream out) {
    out.println(
        "| policy | VM-hours | cost ($) | x LB0 | x LB1 | submit->driver p50 / p95 / p99 (s)"
            + " | submit->all executors p50 / p95 / p99 (s) | capacity writes | 429s | VMs created"
            + " | flaps | containers killed | spot evictions | jobs succeeded | wall (s) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (RunResult result : results) {
      out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.2f | %.2f | %s | %s | %d | %d | %d | %d | %d | %d | %d / %d | %.1f"
              + " |%n",
          result.policy(),
          result.vmHours(),
          result.dollars(price, spotPrice),
          result.vmHours() / lb0Hours,
          result.vmHours() / lb1Hours,
          triple(result.driverDelay()),
          triple(result.executorsDelay()),
          result.writes(),
          result.throttled(),
          result.vmsCreated(),
          result.flaps(),
          result.killedContainers(),
          result.spotEvictions(),
          result.succeeded(),
          result.jobs(),
          result.wallSeconds());
    }
    out.printf(
        Locale.ROOT,
        "| LB0 (clairvoyant) | %.0f | %.0f | 1.00 | %.2f | | | | | | | | | | |%n",
        lb0Hours,
        lb0Hours * price,
        lb0Hours / lb1Hours);
    out.printf(
        Locale.ROOT,
        "| LB1 (clairvoyant, boot-aware) | %.0f | %.0f | %.2f | 1.00 | | | | | | | | | | |%n",
        lb1Hours,
        lb1Hours * price,
        lb1Hours / lb0Hours);
  }

  private static String triple(double[] values) {
    return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", values[0], values[1], values[2]);
  }
}
