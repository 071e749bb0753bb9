package io.yardmaster.autoscaler.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphitePointTest {
  private static final List<String> REQUIRED = List.of("PendingMB", "PendingVCores");
  private static final List<String> OPTIONAL = List.of("PendingContainers");

  /** One series; {@code values[i]} is the point at {@code 10 * (i + 1)} s, null for a gap. */
  private static JsonNode series(String metric, Double... values) {
    List<JsonNode> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      JsonNode value =
          values[i] == null ? JsonNode.nullNode() : JsonNode.createNumberNode(values[i]);
      points.add(
          JsonNode.createArrayNode(List.of(value, JsonNode.createNumberNode(10L * (i + 1)))));
    }
    return JsonNode.createObjectNode(
        Map.of(
            "target",
                JsonNode.createStringNode("p.yarn.QueueMetrics.Queue=root.Hostname=rm." + metric),
            "datapoints", JsonNode.createArrayNode(points)));
  }

  @Test
  void aMetricWhoseNewestPeriodIsNotStoredYetHoldsTheOthersToThePreviousPeriod() {
    JsonNode render =
        JsonNode.createArrayNode(
            List.of(
                series("PendingMB", 0.0, 6144.0),
                series("PendingVCores", 0.0, 1.0),
                series("PendingContainers", 0.0, null)));

    GraphitePoint point = GraphitePoint.newest(render, REQUIRED, OPTIONAL).orElseThrow();

    assertThat(point.at()).isEqualTo(Instant.ofEpochSecond(10));
    assertThat(point.value("PendingMB")).isZero();
    assertThat(point.value("PendingContainers")).isZero();
  }

  @Test
  void allMetricsAtTheNewestCommonInstantAndTheLargerValueOfTwoHosts() {
    JsonNode render =
        JsonNode.createArrayNode(
            List.of(
                series("PendingMB", 0.0, 6144.0, null),
                series("PendingMB", 0.0, 2048.0),
                series("PendingVCores", 0.0, 1.0, 1.0),
                series("PendingContainers", 0.0, 1.0)));

    GraphitePoint point = GraphitePoint.newest(render, REQUIRED, OPTIONAL).orElseThrow();

    assertThat(point.at()).isEqualTo(Instant.ofEpochSecond(20));
    assertThat(point.value("PendingMB")).isEqualTo(6144.0);
    assertThat(point.value("PendingVCores")).isEqualTo(1.0);
    assertThat(point.value("PendingContainers")).isEqualTo(1.0);
  }

  @Test
  void anOptionalMetricWithNoSeriesReadsZeroAndAMissingRequiredOneReadsNothing() {
    JsonNode withoutContainers =
        JsonNode.createArrayNode(List.of(series("PendingMB", 512.0), series("PendingVCores", 1.0)));
    JsonNode withoutVcores = JsonNode.createArrayNode(List.of(series("PendingMB", 512.0)));

    assertThat(
            GraphitePoint.newest(withoutContainers, REQUIRED, OPTIONAL)
                .orElseThrow()
                .value("PendingContainers"))
        .isZero();
    assertThat(GraphitePoint.newest(withoutVcores, REQUIRED, OPTIONAL)).isEmpty();
    assertThat(GraphitePoint.newest(JsonNode.nullNode(), REQUIRED, OPTIONAL)).isEmpty();
  }
}
