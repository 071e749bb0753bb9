package io.yardmaster.autoscaler.metrics.graphite;

import static java.util.Objects.requireNonNull;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of several metrics at one instant of a render answer. The sink writes a queue's
 * metrics in one push, but carbon stores them one by one: a render can see the newest period of
 * {@code PendingMB} before that of {@code PendingContainers}. Reading each metric's own newest
 * point would then mix two periods (6144 MB pending with the previous period's 0 containers), so
 * the newest instant that every required metric has is the one read.
 */
record GraphitePoint(Map<String, Double> values, Instant at) {
  GraphitePoint {
    values = Map.copyOf(requireNonNull(values, "values is null"));
    requireNonNull(at, "at is null");
  }

  /**
   * The value of a metric at this instant; 0 for an optional metric the answer has no series of.
   */
  double value(String metric) {
    return values.getOrDefault(metric, 0.0);
  }

  /**
   * The newest instant at which every metric of {@code required} has a non-null point, across every
   * series whose name ends with {@code .metric} (one per RM host the wildcard matched; on several,
   * the larger value). An {@code optional} metric (one an older sink may not write) is required too
   * when the answer has a series of it, and reads 0 when it has none.
   */
  static Optional<GraphitePoint> newest(
      JsonNode render, List<String> required, List<String> optional) {
    Map<String, NavigableMap<Instant, Double>> byMetric = new HashMap<>();
    if (render == null || !render.isArray()) {
      return Optional.empty();
    }
    for (JsonNode series : render.values()) {
      JsonNode target = series.get("target");
      JsonNode points = series.get("datapoints");
      if (target == null || points == null || !points.isArray()) {
        continue;
      }
      String metric = metricOf(target.coerceStringValue(), required, optional);
      if (metric == null) {
        continue;
      }
      NavigableMap<Instant, Double> values = byMetric.computeIfAbsent(metric, m -> new TreeMap<>());
      for (JsonNode point : points.values()) {
        if (point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
          continue;
        }
        values.merge(
            Instant.ofEpochSecond(point.get(1).getLongValue()),
            point.get(0).getDoubleValue(),
            Math::max);
      }
    }
    List<String> needed = new ArrayList<>(required);
    optional.stream().filter(byMetric::containsKey).forEach(needed::add);
    NavigableMap<Instant, Double> first = byMetric.get(required.get(0));
    if (first == null) {
      return Optional.empty();
    }
    for (Instant at : first.descendingKeySet()) {
      Map<String, Double> values = new HashMap<>();
      for (String metric : needed) {
        Double value = byMetric.containsKey(metric) ? byMetric.get(metric).get(at) : null;
        if (value != null) {
          values.put(metric, value);
        }
      }
      if (values.size() == needed.size()) {
        return Optional.of(new GraphitePoint(values, at));
      }
    }
    return Optional.empty();
  }

  private static String metricOf(String target, List<String> required, List<String> optional) {
    for (List<String> metrics : List.of(required, optional)) {
      for (String metric : metrics) {
        if (target.endsWith("." + metric)) {
          return metric;
        }
      }
    }
    return null;
  }
}
