package io.yardmaster.bench;

import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Replay;
import io.yardmaster.simulator.model.ReplayReport;
import io.yardmaster.simulator.model.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Replays a trace in virtual time on a fixed fleet sized for the trace's clairvoyant peak (plus
 * headroom for bin-packing losses), several times, and prints the medians as Markdown: wall seconds
 * for the whole day, events per second, peak heap. With {@code --copies 1,4} it also replays the
 * day four times as busy (four interleaved copies, {@link Trace#interleaved}) on a fleet sized for
 * that, the runs of the two alternating, and prints the ratio of their median wall times: how the
 * replay's cost grows with the work. Run by {@code bench/replay.sh}.
 */
public final class FleetReplayBenchmark {
  /** The VM size the replay fleet is made of: 16 cores / 128 GB, NodeManager 16 / 112 GB. */
  static final Sku SKU = new Sku("Standard_E16s_v5", 16, 131072, 16, 114688);

  private FleetReplayBenchmark() {}

  /** One trace (a number of copies of the day) and the fleet it is replayed on. */
  private record Case(int copies, Trace trace, int nodes, List<ReplayReport> reports) {}

  public static void main(String[] args) {
    Path path = Path.of(argument(args, "--trace", "../shared/traces/fb2009-day.csv"));
    int runs = Integer.parseInt(argument(args, "--runs", "5"));
    double headroom = Double.parseDouble(argument(args, "--headroom", "1.25"));
    int[] copies =
        Arrays.stream(argument(args, "--copies", "1").split(","))
            .mapToInt(value -> Integer.parseInt(value.trim()))
            .toArray();
    Trace day = Trace.read(path);
    List<Case> cases = new ArrayList<>();
    for (int count : copies) {
      Trace trace = day.interleaved(count);
      ClairvoyantDemand demand = ClairvoyantDemand.of(trace);
      int nodes = (int) Math.ceil(demand.peakNodes(SKU) * headroom);
      System.out.printf(
          Locale.ROOT,
          "trace %s: %d jobs, clairvoyant peak %d cores = %d %s nodes; fixed fleet of %d nodes%n",
          trace.source(),
          trace.jobs().size(),
          demand.peakCores(),
          demand.peakNodes(SKU),
          SKU.name(),
          nodes);
      cases.add(new Case(count, trace, nodes, new ArrayList<>()));
    }
    for (int run = 1; run <= runs; run++) {
      for (Case replayed : cases) {
        ReplayReport report = replay(replayed, run);
        replayed.reports().add(report);
        System.out.printf(
            Locale.ROOT,
            "run %d, %dx: %.2f s wall, %d events, %.0f events/s, peak heap %d MB, %d/%d jobs ended,"
                + " p95 queueing %.0f s%n",
            run,
            replayed.copies(),
            report.wallSeconds(),
            report.eventsProcessed(),
            report.eventsPerSecond(),
            report.peakHeapBytes() >> 20,
            report.succeeded() + report.failed(),
            report.jobs(),
            report.p95QueueingSeconds());
      }
    }
    for (Case replayed : cases) {
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "%dx the day (%d jobs, %d nodes):%n",
          replayed.copies(),
          replayed.trace().jobs().size(),
          replayed.nodes());
      System.out.println("| metric | median of " + runs + " runs |");
      System.out.println("|---|---|");
      List<ReplayReport> reports = replayed.reports();
      row("wall-clock seconds for the day", reports, ReplayReport::wallSeconds, "%.2f");
      row("events processed", reports, report -> report.eventsProcessed(), "%.0f");
      row("events per second", reports, ReplayReport::eventsPerSecond, "%.0f");
      row("peak heap (MB)", reports, report -> report.peakHeapBytes() / 1048576.0, "%.0f");
      row("simulated seconds", reports, report -> report.simulatedSeconds(), "%.0f");
      row("p95 queueing delay (s)", reports, ReplayReport::p95QueueingSeconds, "%.1f");
    }
    Case first = cases.get(0);
    for (Case replayed : cases.subList(1, cases.size())) {
      System.out.printf(
          Locale.ROOT,
          "%nmedian wall time, %dx the day / %dx: %.2f%n",
          replayed.copies(),
          first.copies(),
          median(replayed.reports(), ReplayReport::wallSeconds)
              / median(first.reports(), ReplayReport::wallSeconds));
    }
  }

  private static ReplayReport replay(Case replayed, long seed) {
    // the previous run's garbage would count in this one's peak heap
    System.gc();
    Fleet fleet = Replay.fixedFleet(SKU, replayed.nodes(), seed);
    ReplayReport report =
        new Replay(
                replayed.trace(),
                fleet,
                Replay.CLUSTER,
                Duration.ofSeconds(10),
                (f, now) -> {},
                Duration.ofHours(12))
            .run();
    if (!report.complete()) {
      throw new IllegalStateException(
          replayed.copies() + "x, seed " + seed + ": not every job finished: " + report);
    }
    return report;
  }

  private static void row(
      String name,
      List<ReplayReport> reports,
      ToDoubleFunction<ReplayReport> metric,
      String format) {
    System.out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, median(reports, metric));
  }

  private static double median(List<ReplayReport> reports, ToDoubleFunction<ReplayReport> metric) {
    double[] values = reports.stream().mapToDouble(metric).sorted().toArray();
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
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
