package io.yardmaster.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.loop.LoopFixtures;
import io.yardmaster.autoscaler.loop.SimulatedFleetFixture;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The autoscaler's REST API on the simulated fleet: pools, decisions and the admin controls. */
class AutoscalerApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String POOL = SimulatedFleetFixture.POOL;
  private static SimulatedFleetFixture fleet;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    fleet =
        new SimulatedFleetFixture(
            2, Duration.ofSeconds(30), Map.of(HeaderAdminGuard.ENABLED, "true"));
    json = fleet.autoscalerContext().getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    fleet.close();
  }

  private static HttpResponse<String> send(String method, String path, String body, boolean admin)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fleet.autoscalerUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (admin) {
      request.header(HeaderAdminGuard.HEADER, "yes");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), JsonNode.class);
  }

  @Test
  void poolsShowConfigurationStateAndTheLastDecision() throws Exception {
    fleet
        .loop(LoopFixtures.policy(snapshot -> ScalingDecision.hold(snapshot.capacity(), "steady")))
        .runOnce(POOL, fleet.now());

    HttpResponse<String> response = send("GET", "/api/v1/autoscaler/pools", null, false);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode pool = body(response).get(0);
    assertThat(pool.get("name").getStringValue()).isEqualTo(POOL);
    assertThat(pool.get("cluster").getStringValue()).isEqualTo(SimulatedFleetFixture.CLUSTER);
    assertThat(pool.get("maxNodes").getIntValue()).isEqualTo(20);
    assertThat(pool.get("lastDecision").get("reason").getStringValue()).startsWith("steady");

    HttpResponse<String> decisions =
        send("GET", "/api/v1/autoscaler/decisions?pool=" + POOL + "&limit=5", null, false);
    assertThat(decisions.statusCode()).isEqualTo(200);
    assertThat(body(decisions).get(0).get("action").getStringValue()).isEqualTo("HOLD");
    assertThat(send("GET", "/api/v1/autoscaler/decisions?limit=0", null, false).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/api/v1/autoscaler/decisions?pool=nope", null, false).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aPausedPoolIsNotActedOn() throws Exception {
    assertThat(
            send("POST", "/api/v1/autoscaler/pools/" + POOL + "/pause", "{}", false).statusCode())
        .isEqualTo(403);
    HttpResponse<String> paused =
        send("POST", "/api/v1/autoscaler/pools/" + POOL + "/pause", "{}", true);
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(body(paused).get("paused").getBooleanValue()).isTrue();
    try {
      int before = fleet.scaleSet().capacity();
      Outcome outcome =
          fleet
              .loop(LoopFixtures.policy(snapshot -> ScalingDecision.grow(before + 3, "more")))
              .runOnce(POOL, fleet.now())
              .outcome();
      assertThat(outcome).isEqualTo(Outcome.SKIPPED);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(before);
    } finally {
      send("POST", "/api/v1/autoscaler/pools/" + POOL + "/resume", "{}", true);
    }
    assertThat(fleet.store().poolState(POOL).paused()).isFalse();
  }

  @Test
  void boundsAreValidatedAndCapGrowth() throws Exception {
    String path = "/api/v1/autoscaler/pools/" + POOL + "/bounds";
    assertThat(send("PUT", path, "{\"minNodes\":1,\"maxNodes\":3}", false).statusCode())
        .isEqualTo(403);
    assertThat(send("PUT", path, "{\"minNodes\":4,\"maxNodes\":3}", true).statusCode())
        .isEqualTo(400);
    HttpResponse<String> set = send("PUT", path, "{\"minNodes\":1,\"maxNodes\":3}", true);
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(body(set).get("maxNodes").getIntValue()).isEqualTo(3);
    assertThat(body(set).get("configuredMaxNodes").getIntValue()).isEqualTo(20);
    try {
      int target =
          fleet
              .loop(LoopFixtures.policy(snapshot -> ScalingDecision.grow(15, "lots")))
              .runOnce(POOL, fleet.now())
              .target();
      assertThat(target).isEqualTo(3);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
    } finally {
      send("PUT", path, "{}", true);
    }
    assertThat(fleet.store().poolState(POOL).maxNodes()).isNull();
  }

  @Test
  void aDryRunShowsTheDecisionWithoutActingOrStoring() throws Exception {
    int stored = fleet.store().decisions(POOL, 1000).size();
    int capacity = fleet.scaleSet().capacity();
    String path = "/api/v1/autoscaler/pools/" + POOL + "/dry-run";
    assertThat(send("POST", path, "{}", false).statusCode()).isEqualTo(403);

    HttpResponse<String> response = send("POST", path, "{}", true);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode decision = body(response);
    assertThat(decision.get("outcome").getStringValue()).as(response.body()).isEqualTo("DRY_RUN");
    assertThat(decision.get("policy").getStringValue()).isEqualTo("yardmaster");
    assertThat(decision.get("capacity")).as(response.body()).isNotNull();
    assertThat(decision.get("capacity").getIntValue()).isEqualTo(capacity);
    assertThat(fleet.store().decisions(POOL, 1000)).hasSize(stored);
    assertThat(fleet.scaleSet().capacity()).isEqualTo(capacity);
  }
}
