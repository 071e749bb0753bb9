package io.yardmaster.autoscaler.metrics.graphite;

import static java.util.Objects.requireNonNull;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** The newest non-null point of a metric in a render answer. */
record GraphitePoint(double value, Instant at) {
  GraphitePoint {
    requireNonNull(at, "at is null");
  }

  /**
   * Across every series whose name ends with {@code .metric} (one per RM host the wildcard
   * matched), the newest non-null point; on a tie the larger value.
   */
  static Optional<GraphitePoint> newest(JsonNode render, String metric) {
    GraphitePoint best = null;
    if (render == null || !render.isArray()) {
      return Optional.empty();
    }
    for (JsonNode series : render.values()) {
      JsonNode target = series.get("target");
      JsonNode points = series.get("datapoints");
      if (target == null
          || !target.coerceStringValue().endsWith("." + metric)
          || points == null
          || !points.isArray()) {
        continue;
      }
      for (JsonNode point : points.values()) {
        if (point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
          continue;
        }
        GraphitePoint candidate =
            new GraphitePoint(
                point.get(0).getDoubleValue(), Instant.ofEpochSecond(point.get(1).getLongValue()));
        if (best == null
            || candidate.at.isAfter(best.at)
            || candidate.at.equals(best.at) && candidate.value > best.value) {
          best = candidate;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
