package io.yardmaster.bench.fleet;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick lag at fleet scale (issue 11, item 8): {@code --pools} pools on the simulated fleet, ticked
 * by the shipped scheduler and loop, and a burst of demand on all of them at the same instant, so
 * that every pool starts a grow whose ARM operation lasts until its VMs booted. For every tick from
 * the burst on: lag = when it began − when it was due ({@code DecisionRecord#startedAt} − {@code
 * tickAt}). Prints each run, then the medians over the runs as Markdown. Run by {@code
 * bench/fleet-ticks.sh}.
 */
public final class FleetTickBenchmark {
  private FleetTickBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    if (List.of(args).contains("--help")) {
      System.out.println(FleetTickOptions.usage());
      return;
    }
    FleetTickOptions options = FleetTickOptions.parse(args);
    System.out.printf(
        Locale.ROOT,
        "%d pools (one per cluster), tick %s, %d ticks per pool from the burst, VM boot median %s,"
            + " scheduler threads %s, %s, %d runs%n",
        options.pools(),
        options.tick(),
        options.ticksAfterBurst(),
        options.bootTime(),
        options.schedulerThreads() == 0 ? "default" : options.schedulerThreads(),
        options.postgresUrl() == null ? "H2 (in-memory Quartz)" : "PostgreSQL (clustered Quartz)",
        options.runs());
    List<TickLagRun> runs = new ArrayList<>();
    for (int run = 1; run <= options.runs(); run++) {
      TickLagRun result = run(options);
      runs.add(result);
      System.out.println("run " + run + ": " + result);
    }
    System.out.println();
    System.out.println("| metric | median of " + runs.size() + " runs | runs |");
    System.out.println("|---|---|---|");
    row(runs, "ticks measured", TickLagRun::ticks, "%.0f");
    row(runs, "grows started at the burst's first tick", TickLagRun::grows, "%.0f");
    row(runs, "ticks while the pool's operation was in flight", TickLagRun::inFlightTicks, "%.0f");
    row(runs, "operations seen over on a later tick", TickLagRun::operationsOver, "%.0f");
    row(runs, "tick lag median (ms)", TickLagRun::medianMillis, "%.0f");
    row(runs, "tick lag p95 (ms)", TickLagRun::p95Millis, "%.0f");
    row(runs, "tick lag max (ms)", TickLagRun::maxMillis, "%.0f");
    row(runs, "ticks later than 2 s", TickLagRun::lateTicks, "%.0f");
    row(runs, "grow operation length, median (s)", TickLagRun::operationMedianSeconds, "%.1f");
  }

  private static TickLagRun run(FleetTickOptions options) throws InterruptedException {
    try (FleetOfPools fleet = new FleetOfPools(options)) {
      AutoscalerStore store = fleet.store();
      // Warm-up: every pool has ticked twice (connections open, code compiled).
      waitFor(fleet, store, Instant.EPOCH, 2, options.tick().multipliedBy(6));
      Instant burst = fleet.burst();
      waitFor(
          fleet,
          store,
          burst,
          options.ticksAfterBurst(),
          options.tick().multipliedBy(options.ticksAfterBurst() + 6));
      List<DecisionRecord> ticks = new ArrayList<>();
      for (String pool : fleet.pools()) {
        store.decisions(pool, 1000).stream()
            .filter(decision -> !decision.tickAt().isBefore(burst))
            .forEach(ticks::add);
      }
      return TickLagRun.of(ticks, store, fleet.pools());
    }
  }

  /**
   * Waits (polling the store) until every pool has {@code count} ticks due at or after {@code
   * since}.
   */
  private static void waitFor(
      FleetOfPools fleet, AutoscalerStore store, Instant since, int count, Duration atMost)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(atMost);
    while (true) {
      boolean all = true;
      for (String pool : fleet.pools()) {
        long ticks =
            store.decisions(pool, count + 50).stream()
                .filter(decision -> !decision.tickAt().isBefore(since))
                .count();
        if (ticks < count) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "not every pool ticked " + count + " times within " + atMost);
      }
      Thread.sleep(500);
    }
  }

  private static void row(
      List<TickLagRun> runs,
      String metric,
      java.util.function.ToDoubleFunction<TickLagRun> value,
      String format) {
    List<String> each = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (TickLagRun run : runs) {
      double v = value.applyAsDouble(run);
      values.add(v);
      each.add(String.format(Locale.ROOT, format, v));
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %s |%n",
        metric,
        String.format(Locale.ROOT, format, TickLagRun.median(values)),
        String.join(", ", each));
  }

  static boolean startedAGrow(DecisionRecord decision) {
    return decision.action() == ScalingAction.GROW && decision.outcome() == Outcome.APPLIED;
  }
}
