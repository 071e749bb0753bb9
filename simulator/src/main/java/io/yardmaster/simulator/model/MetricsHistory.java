package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples every cluster's metrics once a {@code period}, half a period after each period boundary
 * (so the newest Graphite bucket is empty for half of the time, as with a real sink), and keeps
 * {@code retention} of them.
 */
public final class MetricsHistory {
  private final Fleet fleet;
  private final long periodMillis;
  private final int capacity;
  private final Map<String, ArrayDeque<MetricsSample>> samples = new LinkedHashMap<>();

  public MetricsHistory(Fleet fleet, Duration period, Duration retention) {
    this.fleet = requireNonNull(fleet, "fleet is null");
    this.periodMillis = period.toMillis();
    if (periodMillis < 1000) {
      throw new IllegalArgumentException("metrics period must be at least 1 s, got " + period);
    }
    this.capacity = (int) Math.max(1, retention.toMillis() / periodMillis);
    for (SimulatedCluster cluster : fleet.clusters()) {
      samples.put(cluster.name(), new ArrayDeque<>());
    }
    Simulation simulation = fleet.simulation();
    synchronized (simulation) {
      long now = simulation.now();
      long first = (now / periodMillis) * periodMillis + periodMillis / 2;
      if (first <= now) {
        first += periodMillis;
      }
      simulation.schedule(
          first,
          () -> {
            sample();
            simulation.every(period, this::sample);
          });
    }
  }

  public Duration period() {
    return Duration.ofMillis(periodMillis);
  }

  /** Samples of a cluster taken in {@code [fromMillis, untilMillis)}, oldest first. */
  public List<MetricsSample> samples(String cluster, long fromMillis, long untilMillis) {
    return fleet.locked(
        () -> {
          List<MetricsSample> found = new ArrayList<>();
          for (MetricsSample sample : samples.getOrDefault(cluster, new ArrayDeque<>())) {
            if (sample.millis() >= fromMillis && sample.millis() < untilMillis) {
              found.add(sample);
            }
          }
          return found;
        });
  }

  /** The newest sample of a cluster, if any was taken. */
  public java.util.Optional<MetricsSample> latest(String cluster) {
    return fleet.locked(
        () ->
            java.util.Optional.ofNullable(
                samples.getOrDefault(cluster, new ArrayDeque<>()).peekLast()));
  }

  private void sample() {
    long now = fleet.simulation().now();
    for (SimulatedCluster cluster : fleet.clusters()) {
      ArrayDeque<MetricsSample> ring = samples.get(cluster.name());
      ring.addLast(
          new MetricsSample(now, cluster.name(), cluster.metrics(), cluster.queueMetrics()));
      while (ring.size() > capacity) {
        ring.removeFirst();
      }
    }
  }
}
