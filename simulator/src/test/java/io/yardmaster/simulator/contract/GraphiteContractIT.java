package io.yardmaster.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Graphite render and find APIs of the emulator against a real Graphite (Debian's
 * graphite-carbon + graphite-web, started by {@code infra/local-stack/test.sh}) fed lines of the
 * shape Hadoop's GraphiteSink sends. Values differ; shapes, status codes and the path scheme must
 * not.
 */
class GraphiteContractIT {
  private static final JsonHttp HTTP = new JsonHttp();
  private static final String REAL_PREFIX =
      "ctr" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  private static final String EMULATED_PREFIX = "sim";

  private static EmbeddedServer emulator;
  private static URI real;
  private static URI emulated;

  @BeforeAll
  static void startBoth() {
    String url = System.getenv("YM_TEST_GRAPHITE_URL");
    String carbonPort = System.getenv("YM_TEST_CARBON_PORT");
    if (url == null || carbonPort == null) {
      throw new IllegalStateException(
          "YM_TEST_GRAPHITE_URL / YM_TEST_CARBON_PORT are not set: run the tests with"
              + " infra/local-stack/test.sh, which starts Graphite");
    }
    real = URI.create(url);
    feedRealGraphite(Integer.parseInt(carbonPort));

    emulator = ApplicationContext.run(EmbeddedServer.class, emulatorProperties());
    emulated = URI.create("http://127.0.0.1:" + emulator.getPort() + "/sim/graphite");
    // A batch in queue root.batch makes the emulated RM report that queue too.
    JsonHttp.Reply submitted =
        HTTP.post(
            URI.create("http://127.0.0.1:" + emulator.getPort() + "/sim/ctr/livy/batches"),
            "{\"file\":\"local:/opt/job.jar\",\"queue\":\"root.batch\"}");
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonHttp.Reply fromReal = render(real, rootQueue(REAL_PREFIX));
              assertThat(numbers(fromReal)).as("real: %s", fromReal).isNotEmpty();
              JsonHttp.Reply fromEmulator = render(emulated, batchQueue(EMULATED_PREFIX));
              assertThat(numbers(fromEmulator)).as("emulated: %s", fromEmulator).isNotEmpty();
            });
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.getApplicationContext().close();
    }
  }

  @Test
  void renderAnswersTheSameShape() {
    for (URI target : List.of(real, emulated)) {
      String prefix = target == real ? REAL_PREFIX : EMULATED_PREFIX;
      JsonNode series = render(target, rootQueue(prefix)).json();
      assertThat(series.isArray()).isTrue();
      assertThat(series).hasSize(1);
      JsonNode first = series.get(0);
      assertThat(JsonHttp.fieldNames(first)).containsExactly("datapoints", "tags", "target");
      assertThat(first.get("target").asText())
          .startsWith(prefix + ".yarn.QueueMetrics.Queue=root.Context=yarn.Hostname=")
          .endsWith(".PendingMB");
      assertThat(first.get("tags").get("name").asText()).isEqualTo(first.get("target").asText());
      long previous = -1;
      for (JsonNode point : first.get("datapoints")) {
        assertThat(point.size()).isEqualTo(2);
        assertThat(point.get(0).isNull() || point.get(0).isNumber()).isTrue();
        assertThat(point.get(1).isIntegralNumber()).isTrue();
        if (previous >= 0) {
          assertThat(point.get(1).asLong() - previous).as("10 s steps").isEqualTo(10);
        }
        previous = point.get(1).asLong();
      }
    }
  }

  @Test
  void aDottedQueueNameAddsALevel() {
    for (URI target : List.of(real, emulated)) {
      String prefix = target == real ? REAL_PREFIX : EMULATED_PREFIX;
      JsonNode series = render(target, batchQueue(prefix)).json();
      assertThat(series).as("%s", target).hasSize(1);
      assertThat(series.get(0).get("target").asText())
          .startsWith(prefix + ".yarn.QueueMetrics.Queue=root.batch.Context=yarn.Hostname=");
    }
  }

  @Test
  void clusterMetricsFollowTheSinkScheme() {
    for (URI target : List.of(real, emulated)) {
      String prefix = target == real ? REAL_PREFIX : EMULATED_PREFIX;
      JsonNode series = render(target, prefix + ".yarn.ClusterMetrics.*.*.*.NumActiveNMs").json();
      assertThat(series).as("%s", target).hasSize(1);
      assertThat(series.get(0).get("target").asText())
          .startsWith(prefix + ".yarn.ClusterMetrics.ClusterMetrics=ResourceManager.Context=yarn.");
    }
  }

  @Test
  void noMatchIsAnEmptyList() {
    for (URI target : List.of(real, emulated)) {
      JsonHttp.Reply reply =
          render(target, "nothing" + UUID.randomUUID().toString().substring(0, 6) + ".*");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().isArray()).isTrue();
      assertThat(reply.json()).isEmpty();
    }
  }

  @Test
  void findListsBranchesWithTheSameFields() {
    Map<URI, Set<String>> fields = new HashMap<>();
    for (URI target : List.of(real, emulated)) {
      String prefix = target == real ? REAL_PREFIX : EMULATED_PREFIX;
      JsonHttp.Reply reply =
          HTTP.get(URI.create(target + "/metrics/find?query=" + encode(prefix + ".yarn.*")));
      assertThat(reply.status()).isEqualTo(200);
      Set<String> texts = new TreeSet<>();
      for (JsonNode node : reply.json()) {
        texts.add(node.get("text").asText());
        assertThat(node.get("leaf").asInt()).isZero();
        assertThat(node.get("expandable").asInt()).isEqualTo(1);
        assertThat(node.get("allowChildren").asInt()).isEqualTo(1);
        fields.put(target, JsonHttp.fieldNames(node));
      }
      assertThat(texts).containsExactly("ClusterMetrics", "QueueMetrics");
    }
    assertThat(fields.get(emulated)).isEqualTo(fields.get(real));
  }

  @Test
  void badInputIsRefusedTheSameWay() {
    for (URI target : List.of(real, emulated)) {
      assertThat(HTTP.get(URI.create(target + "/metrics/find")).status())
          .as("find without query")
          .isEqualTo(400);
      assertThat(HTTP.get(URI.create(target + "/render?format=json&from=-5m&target=x")).status())
          .as("'m' is not a Graphite time unit (min is)")
          .isEqualTo(400);
    }
  }

  private static String rootQueue(String prefix) {
    return prefix + ".yarn.QueueMetrics.Queue=root.*.*.PendingMB";
  }

  private static String batchQueue(String prefix) {
    return prefix + ".yarn.QueueMetrics.Queue=root.batch.*.*.PendingMB";
  }

  private static JsonHttp.Reply render(URI base, String target) {
    return HTTP.get(URI.create(base + "/render?format=json&from=-5min&target=" + encode(target)));
  }

  private static List<Double> numbers(JsonHttp.Reply reply) {
    List<Double> values = new ArrayList<>();
    if (reply.status() != 200) {
      return values;
    }
    for (JsonNode series : reply.json()) {
      for (JsonNode point : series.get("datapoints")) {
        if (point.get(0).isNumber()) {
          values.add(point.get(0).asDouble());
        }
      }
    }
    return values;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Sends what a ResourceManager's GraphiteSink sends, over carbon's line protocol. */
  private static void feedRealGraphite(int port) {
    long now = Instant.now().getEpochSecond();
    String host = ".Context=yarn.Hostname=rm1.";
    StringBuilder lines = new StringBuilder();
    for (long at = now - 30; at <= now; at += 10) {
      lines
          .append(REAL_PREFIX)
          .append(".yarn.QueueMetrics.Queue=root")
          .append(host)
          .append("PendingMB 4096 ")
          .append(at)
          .append('\n');
      lines
          .append(REAL_PREFIX)
          .append(".yarn.QueueMetrics.Queue=root.batch")
          .append(host)
          .append("PendingMB 2048 ")
          .append(at)
          .append('\n');
      lines
          .append(REAL_PREFIX)
          .append(".yarn.ClusterMetrics.ClusterMetrics=ResourceManager")
          .append(host)
          .append("NumActiveNMs 2 ")
          .append(at)
          .append('\n');
    }
    try (Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream()) {
      out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send to carbon on port " + port, e);
    }
  }

  private static Map<String, Object> emulatorProperties() {
    String pool = "yardmaster.node-pools.ctr-pool.";
    return Map.ofEntries(
        Map.entry("micronaut.server.port", -1),
        Map.entry("yardmaster.simulator.enabled", true),
        Map.entry("yardmaster.simulator.speed-up", 20),
        Map.entry("yardmaster.clusters.ctr.livy-url", "http://127.0.0.1:9/sim/ctr/livy"),
        Map.entry("yardmaster.clusters.ctr.resource-manager-url", "http://127.0.0.1:9/sim/ctr/rm"),
        Map.entry("yardmaster.clusters.ctr.graphite-prefix", EMULATED_PREFIX),
        Map.entry(pool + "cluster", "ctr"),
        Map.entry(
            pool + "scale-set-id",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ctr"),
        Map.entry(pool + "sku-name", "Standard_E8s_v5"),
        Map.entry(pool + "vm-cores", 8),
        Map.entry(pool + "vm-memory-mb", 65536),
        Map.entry(pool + "min-nodes", 2));
  }
}
