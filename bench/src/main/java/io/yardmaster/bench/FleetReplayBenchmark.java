package io.yardmaster.bench;

import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Replay;
import io.yardmaster.simulator.model.ReplayReport;
import io.yardmaster.simulator.model.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Replays a trace in virtual time on a fixed fleet sized for the trace's clairvoyant peak (plus
 * headroom for bin-packing losses), several times, and prints the medians as Markdown: wall seconds
 * for the whole day, events per second, peak heap. Run by {@code bench/replay.sh}.
 */
public final class FleetReplayBenchmark {
  /** The VM size the replay fleet is made of: 16 cores / 128 GB, NodeManager 16 / 112 GB. */
  static final Sku SKU = new Sku("Standard_E16s_v5", 16, 131072, 16, 114688);

  private FleetReplayBenchmark() {}

  public static void main(String[] args) {
    Path trace = Path.of(argument(args, "--trace", "../shared/traces/fb2009-day.csv"));
    int runs = Integer.parseInt(argument(args, "--runs", "5"));
    double headroom = Double.parseDouble(argument(args, "--headroom", "1.25"));
    Trace jobs = Trace.read(trace);
    ClairvoyantDemand demand = ClairvoyantDemand.of(jobs);
    int nodes = (int) Math.ceil(demand.peakNodes(SKU) * headroom);
    System.out.printf(
        Locale.ROOT,
        "trace %s: %d jobs, clairvoyant peak %d cores = %d %s nodes; fixed fleet of %d nodes%n",
        trace,
        jobs.jobs().size(),
        demand.peakCores(),
        demand.peakNodes(SKU),
        SKU.name(),
        nodes);
    List<ReplayReport> reports = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Fleet fleet = Replay.fixedFleet(SKU, nodes, run);
      ReplayReport report =
          new Replay(
                  jobs,
                  fleet,
                  Replay.CLUSTER,
                  Duration.ofSeconds(10),
                  (f, now) -> {},
                  Duration.ofHours(12))
              .run();
      reports.add(report);
      System.out.printf(
          Locale.ROOT,
          "run %d: %.2f s wall, %d events, %.0f events/s, peak heap %d MB, %d/%d jobs ended, p95 queueing %.0f s%n",
          run,
          report.wallSeconds(),
          report.eventsProcessed(),
          report.eventsPerSecond(),
          report.peakHeapBytes() >> 20,
          report.succeeded() + report.failed(),
          report.jobs(),
          report.p95QueueingSeconds());
      if (!report.complete()) {
        throw new IllegalStateException("run " + run + " did not finish every job: " + report);
      }
    }
    System.out.println();
    System.out.println("| metric | median of " + runs + " runs |");
    System.out.println("|---|---|");
    row("wall-clock seconds for the day", reports, ReplayReport::wallSeconds, "%.2f");
    row("events processed", reports, report -> report.eventsProcessed(), "%.0f");
    row("events per second", reports, ReplayReport::eventsPerSecond, "%.0f");
    row("peak heap (MB)", reports, report -> report.peakHeapBytes() / 1048576.0, "%.0f");
    row("simulated seconds", reports, report -> report.simulatedSeconds(), "%.0f");
    row("p95 queueing delay (s)", reports, ReplayReport::p95QueueingSeconds, "%.1f");
  }

  private static void row(
      String name,
      List<ReplayReport> reports,
      ToDoubleFunction<ReplayReport> metric,
      String format) {
    double[] values = reports.stream().mapToDouble(metric).sorted().toArray();
    double median =
        values.length % 2 == 1
            ? values[values.length / 2]
            : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    System.out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, median);
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
