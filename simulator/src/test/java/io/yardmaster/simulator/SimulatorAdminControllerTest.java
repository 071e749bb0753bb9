package io.yardmaster.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.SimulatedCluster;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(propertySources = "classpath:simulator-test.yml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorAdminControllerTest implements TestPropertyProvider {
  private final int port = EmulatorTestServer.freePort();

  @Override
  public Map<String, String> getProperties() {
    return EmulatorTestServer.properties(port);
  }

  private static final String SPOT =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/"
          + "alpha-spot";
  private static final Argument<Map<String, Object>> JSON =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SimulatedFleet simulated;

  @Test
  void skipMovesSimulatedTimeForward() {
    BlockingHttpClient client = http.toBlocking();
    Instant before = simulated.fleet().now();

    Map<String, Object> clock =
        client.retrieve(HttpRequest.POST("/sim/clock/skip?seconds=3600", ""), JSON);

    assertThat(Instant.parse((String) clock.get("now"))).isAfterOrEqualTo(before.plusSeconds(3600));
  }

  @Test
  void countsTheRequestsEachEmulatedPeerServed() {
    BlockingHttpClient client = http.toBlocking();
    long listsBefore = livyCount(client, "GET /batches");
    long statesBefore = livyCount(client, "GET /batches/{id}/state");

    client.exchange(HttpRequest.GET("/sim/alpha/livy/batches"), String.class);
    client.exchange(HttpRequest.GET("/sim/alpha/livy/batches?from=0&size=10"), String.class);
    try {
      client.exchange(HttpRequest.GET("/sim/alpha/livy/batches/999/state"), String.class);
      throw new AssertionError("batch 999 does not exist");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(404);
    }

    assertThat(livyCount(client, "GET /batches")).isEqualTo(listsBefore + 2);
    assertThat(livyCount(client, "GET /batches/{id}/state")).isEqualTo(statesBefore + 1);
  }

  @SuppressWarnings("unchecked")
  private static long livyCount(BlockingHttpClient client, String operation) {
    Map<String, Object> traffic = client.retrieve(HttpRequest.GET("/sim/traffic"), JSON);
    Map<String, Object> alpha = (Map<String, Object>) traffic.getOrDefault("alpha", Map.of());
    Map<String, Object> livy = (Map<String, Object>) alpha.getOrDefault("livy", Map.of());
    return ((Number) livy.getOrDefault(operation, 0)).longValue();
  }

  @Test
  void decommissionsNodesGracefully() {
    BlockingHttpClient client = http.toBlocking();
    SimulatedCluster alpha = simulated.fleet().cluster("alpha").orElseThrow();

    client.exchange(
        HttpRequest.POST(
            "/sim/alpha/rm-admin/decommission", Map.of("nodes", List.of("alpha-od000001:8041"))));

    assertThat(alpha.node("alpha-od000001").orElseThrow().state())
        .isEqualTo(NodeState.DECOMMISSIONED);
    try {
      client.exchange(
          HttpRequest.POST("/sim/alpha/rm-admin/decommission", Map.of("nodes", List.of("nope"))));
      throw new AssertionError("an unknown node must be refused");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(400);
    }
  }

  @Test
  void recommissionsOnlyNodesStillDecommissioning() {
    BlockingHttpClient client = http.toBlocking();
    SimulatedCluster alpha = simulated.fleet().cluster("alpha").orElseThrow();
    client.exchange(
        HttpRequest.POST(
            "/sim/alpha/rm-admin/decommission", Map.of("nodes", List.of("alpha-od000001:8041"))));

    Map<String, Object> answer =
        client.retrieve(
            HttpRequest.POST(
                "/sim/alpha/rm-admin/recommission",
                Map.of("nodes", List.of("alpha-od000001:8041"))),
            JSON);

    // It was empty, so already DECOMMISSIONED: its NodeManager has shut down, as in YARN.
    assertThat(answer).isEqualTo(Map.of("msg", "running again []"));
    assertThat(alpha.node("alpha-od000001").orElseThrow().state())
        .isEqualTo(NodeState.DECOMMISSIONED);
    try {
      client.exchange(
          HttpRequest.POST("/sim/alpha/rm-admin/recommission", Map.of("nodes", List.of("nope"))));
      throw new AssertionError("an unknown node must be refused");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(400);
    }
  }

  @Test
  void evictsSpotVms() {
    BlockingHttpClient client = http.toBlocking();

    Map<String, Object> evicted =
        client.retrieve(
            HttpRequest.POST("/sim/scale-sets/evict?count=1&scaleSetId=" + SPOT, ""), JSON);

    assertThat(evicted).isEqualTo(Map.of("evicted", List.of("0")));
    assertThat(simulated.fleet().scaleSet(SPOT).orElseThrow().capacity()).isZero();
    assertThat(
            simulated
                .fleet()
                .cluster("alpha")
                .orElseThrow()
                .node("alpha-spot000000")
                .orElseThrow()
                .state())
        .isEqualTo(NodeState.LOST);
  }

  @Test
  void refusesASkipThatIsNegativeOrTooLarge() {
    BlockingHttpClient client = http.toBlocking();
    Instant before = simulated.fleet().now();

    for (String seconds : List.of("-1", "9223372036854775807", "ten")) {
      assertRefused(client, HttpRequest.POST("/sim/clock/skip?seconds=" + seconds, ""), "seconds");
    }

    assertThat(simulated.fleet().now()).isBefore(before.plusSeconds(60));
  }

  @Test
  void refusesAFaultThatIsNotAnError() {
    BlockingHttpClient client = http.toBlocking();
    for (int status : List.of(200, 302, 600)) {
      assertRefused(
          client,
          HttpRequest.POST("/sim/alpha/livy-admin/fault", Map.of("status", status, "count", 1)),
          "status");
    }

    // No fault was armed: the emulated Livy still answers.
    assertThat(client.exchange(HttpRequest.GET("/sim/alpha/livy/batches"), String.class).code())
        .isEqualTo(200);
  }

  @Test
  void aFaultStrikesOneOperationWithThePeersMessageBeforeOrAfterServingIt() {
    BlockingHttpClient client = http.toBlocking();
    String busy = "Rejected, too many sessions are being created!";
    client.exchange(
        HttpRequest.POST(
            "/sim/alpha/livy-admin/fault",
            Map.of("status", 400, "count", 1, "operation", "POST /batches", "message", busy)));
    // Another operation is not struck, and does not use the fault up.
    assertThat(client.exchange(HttpRequest.GET("/sim/alpha/livy/batches"), String.class).code())
        .isEqualTo(200);
    String refused = "refused-" + UUID.randomUUID();
    HttpClientResponseException busyAnswer =
        assertThrows(
            HttpClientResponseException.class,
            () -> client.exchange(HttpRequest.POST("/sim/alpha/livy/batches", batch(refused))));
    assertThat(busyAnswer.getStatus().getCode()).isEqualTo(400);
    assertThat(busyAnswer.getResponse().getBody(String.class).orElse("")).contains(busy);
    assertThat(batchNames(client)).doesNotContain(refused);

    client.exchange(
        HttpRequest.POST(
            "/sim/alpha/livy-admin/fault",
            Map.of("status", 500, "count", 1, "operation", "POST /batches", "after", true)));
    String lost = "answer-lost-" + UUID.randomUUID();
    HttpClientResponseException lostAnswer =
        assertThrows(
            HttpClientResponseException.class,
            () -> client.exchange(HttpRequest.POST("/sim/alpha/livy/batches", batch(lost))));
    assertThat(lostAnswer.getStatus().getCode()).isEqualTo(500);
    // Served before the answer was lost: Livy has the batch.
    assertThat(batchNames(client)).contains(lost);

    String served = "served-" + UUID.randomUUID();
    assertThat(client.exchange(HttpRequest.POST("/sim/alpha/livy/batches", batch(served))).code())
        .isEqualTo(201);
  }

  private static Map<String, Object> batch(String name) {
    return Map.of("file", "local:/opt/jobs/pi.jar", "name", name);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> batchNames(BlockingHttpClient client) {
    Map<String, Object> page = client.retrieve("/sim/alpha/livy/batches?size=1000", Map.class);
    return ((List<Map<String, Object>>) page.get("sessions"))
        .stream().map(session -> session.get("name")).toList();
  }

  private static void assertRefused(
      BlockingHttpClient client, HttpRequest<?> request, String parameter) {
    try {
      client.exchange(request, String.class);
      throw new AssertionError(request.getUri() + " must be refused");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).as(request.getUri().toString()).isEqualTo(400);
      assertThat(e.getResponse().getBody(String.class).orElse(""))
          .contains("INVALID_PARAMETER")
          .contains(parameter);
    }
  }
}
