package io.yardmaster.bench.fleet;

import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.PoolOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What one run measured, from the decisions the autoscaler stored. */
record TickLagRun(
    int ticks,
    int grows,
    int inFlightTicks,
    int operationsOver,
    double medianMillis,
    double p95Millis,
    double maxMillis,
    int lateTicks,
    double operationMedianSeconds) {

  static TickLagRun of(List<DecisionRecord> ticks, AutoscalerStore store, List<String> pools) {
    List<Double> lags = new ArrayList<>();
    int grows = 0;
    int inFlight = 0;
    int over = 0;
    int late = 0;
    for (DecisionRecord tick : ticks) {
      double lag = Duration.between(tick.tickAt(), tick.startedAt()).toMillis();
      lags.add(lag);
      if (lag > 2000) {
        late++;
      }
      if (FleetTickBenchmark.startedAGrow(tick)) {
        grows++;
      } else if (tick.reason().contains("(IN_PROGRESS for")) {
        inFlight++;
      }
      if (tick.reason().contains("(SUCCEEDED after")) {
        over++;
      }
    }
    List<Double> lengths = new ArrayList<>();
    for (String pool : pools) {
      store
          .operation(pool)
          .filter(operation -> operation.state() == PoolOperation.State.SUCCEEDED)
          .filter(operation -> operation.kind() == PoolOperation.Kind.GROW)
          .ifPresent(
              operation -> lengths.add(operation.age(operation.endedAt()).toMillis() / 1000.0));
    }
    Collections.sort(lags);
    return new TickLagRun(
        ticks.size(),
        grows,
        inFlight,
        over,
        quantile(lags, 0.5),
        quantile(lags, 0.95),
        lags.isEmpty() ? 0 : lags.get(lags.size() - 1),
        late,
        median(lengths));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return quantile(sorted, 0.5);
  }

  /** The nearest-rank quantile of sorted values. */
  private static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d ticks, %d grows, %d ticks with an operation in flight, %d operations seen over;"
            + " lag median %.0f ms, p95 %.0f ms, max %.0f ms, %d later than 2 s;"
            + " grow operations %.1f s (median)",
        ticks,
        grows,
        inFlightTicks,
        operationsOver,
        medianMillis,
        p95Millis,
        maxMillis,
        lateTicks,
        operationMedianSeconds);
  }
}
