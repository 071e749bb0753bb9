package io.yardmaster.simulator.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.yardmaster.simulator.EmulatorTestServer;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(propertySources = "classpath:simulator-test.yml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphiteControllerTest implements TestPropertyProvider {
  private final int port = EmulatorTestServer.freePort();

  @Override
  public Map<String, String> getProperties() {
    return EmulatorTestServer.properties(port);
  }

  private static final Argument<List<Map<String, Object>>> SERIES =
      Argument.listOf(Argument.mapOf(String.class, Object.class));

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SimulatedFleet simulated;

  private List<Map<String, Object>> get(String uri) {
    BlockingHttpClient client = http.toBlocking();
    return client.retrieve(HttpRequest.GET(uri), SERIES);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rendersQueueAndClusterMetricsUnderGraphiteSinkNames() {
    // an application too large for the cluster keeps its executors pending (a child queue's name
    // adds a level: root.*.*.* are the children of root, root.*.* root itself)
    simulated
        .fleet()
        .cluster("alpha")
        .orElseThrow()
        .submit(
            new ApplicationSpec(
                "big",
                "bob",
                "root.batch",
                List.of(),
                new Resources(2048, 1),
                new Resources(32768, 8),
                40,
                Duration.ofHours(1),
                null));
    http.toBlocking().exchange(HttpRequest.POST("/sim/clock/skip?seconds=60", ""));

    List<Map<String, Object>> pending =
        get(
            "/sim/graphite/render?format=json&from=-5min"
                + "&target=yarn-alpha.yarn.QueueMetrics.Queue=root.*.*.*.PendingMB");

    assertThat(pending)
        .extracting(series -> series.get("target"))
        .containsExactlyInAnyOrder(
            "yarn-alpha.yarn.QueueMetrics.Queue=root.batch.Context=yarn.Hostname=rm-alpha.PendingMB",
            "yarn-alpha.yarn.QueueMetrics.Queue=root.default.Context=yarn.Hostname=rm-alpha.PendingMB");
    Map<String, Object> batch =
        pending.stream()
            .filter(series -> ((String) series.get("target")).contains("root.batch"))
            .findFirst()
            .orElseThrow();
    List<List<Object>> points = (List<List<Object>>) batch.get("datapoints");
    assertThat(points).hasSizeBetween(30, 31);
    long step =
        ((Number) points.get(1).get(1)).longValue() - ((Number) points.get(0).get(1)).longValue();
    assertThat(step).isEqualTo(10);
    assertThat(points.stream().map(point -> point.get(0)).filter(value -> value != null))
        .isNotEmpty()
        .last()
        .satisfies(value -> assertThat(((Number) value).doubleValue()).isPositive());

    List<Map<String, Object>> nodes =
        get(
            "/sim/graphite/render?format=json&from=-1min"
                + "&target=yarn-alpha.yarn.ClusterMetrics.*.*.*.NumActiveNMs");
    assertThat(nodes)
        .singleElement()
        .satisfies(
            series ->
                assertThat(series.get("target"))
                    .isEqualTo(
                        "yarn-alpha.yarn.ClusterMetrics.ClusterMetrics=ResourceManager.Context=yarn"
                            + ".Hostname=rm-alpha.NumActiveNMs"));
  }

  @Test
  void findListsTheTreeLevelByLevel() throws Exception {
    // the raw body, to check the field order too
    String top =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + port + "/sim/graphite/metrics/find?query=*"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .body();
    assertThat(top)
        .contains(
            "{\"leaf\":0,\"text\":\"yarn-alpha\",\"expandable\":1,"
                + "\"id\":\"yarn-alpha\",\"allowChildren\":1}");

    List<Map<String, Object>> leaves =
        get(
            "/sim/graphite/metrics/find?query=yarn-alpha.yarn.QueueMetrics.Queue=root.Context=yarn"
                + ".Hostname=rm-alpha.Pending*");
    assertThat(leaves)
        .extracting(node -> node.get("text"))
        .containsExactly("PendingContainers", "PendingMB", "PendingVCores");
    assertThat(leaves).allSatisfy(node -> assertThat(node).containsEntry("leaf", 1));
  }
}
