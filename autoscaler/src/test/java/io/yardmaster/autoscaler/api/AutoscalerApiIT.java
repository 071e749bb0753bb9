package io.yardmaster.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.loop.LoopFixtures;
import io.yardmaster.autoscaler.loop.SimulatedFleetFixture;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
  private static String admin;
  private static String team;

  @BeforeAll
  static void start() {
    fleet = new SimulatedFleetFixture(2, Duration.ofSeconds(30), Map.of());
    json = fleet.autoscalerContext().getBean(JsonMapper.class);
    Tokens tokens = fleet.autoscalerContext().getBean(Tokens.class);
    admin = tokens.issue(Role.ADMIN, null, "autoscaler api test").token();
    fleet
        .autoscalerContext()
        .getBean(TeamRepository.class)
        .save(new Team("ops-readers", "svc", 100, 10, 100, 1_000_000, Instant.now()));
    team = tokens.issue(Role.TEAM, "ops-readers", "autoscaler api test").token();
  }

  @AfterAll
  static void stop() {
    fleet.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  /** Sends as an admin ({@code asAdmin}) or as a team: every endpoint is for admins. */
  private static HttpResponse<String> send(String method, String path, String body, boolean asAdmin)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fleet.autoscalerUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    request.header("Authorization", "Bearer " + (asAdmin ? admin : team));
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

    HttpResponse<String> response = send("GET", "/api/v1/autoscaler/pools", null, true);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode pool = body(response).get(0);
    assertThat(pool.get("name").getStringValue()).isEqualTo(POOL);
    assertThat(pool.get("cluster").getStringValue()).isEqualTo(SimulatedFleetFixture.CLUSTER);
    assertThat(pool.get("maxNodes").getIntValue()).isEqualTo(20);
    assertThat(pool.get("lastDecision").get("reason").getStringValue()).startsWith("steady");

    HttpResponse<String> decisions =
        send("GET", "/api/v1/autoscaler/decisions?pool=" + POOL + "&limit=5", null, true);
    assertThat(decisions.statusCode()).isEqualTo(200);
    assertThat(body(decisions).get(0).get("action").getStringValue()).isEqualTo("HOLD");
    assertThat(send("GET", "/api/v1/autoscaler/decisions?limit=0", null, true).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/api/v1/autoscaler/decisions?pool=nope", null, true).statusCode())
        .isEqualTo(404);
  }

  @Test
  void teamsSeeNothingOfTheAutoscalerAndErrorsCarryACode() throws Exception {
    HttpResponse<String> pools = send("GET", "/api/v1/autoscaler/pools", null, false);
    assertThat(pools.statusCode()).isEqualTo(403);
    assertThat(body(pools).get("code").getStringValue()).isEqualTo("FORBIDDEN");
    assertThat(send("GET", "/api/v1/autoscaler/decisions", null, false).statusCode())
        .isEqualTo(403);
    HttpResponse<String> unknown = send("GET", "/api/v1/autoscaler/pools/nope", null, true);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(body(unknown).get("code").getStringValue()).isEqualTo("POOL_NOT_FOUND");
    HttpResponse<String> limit = send("GET", "/api/v1/autoscaler/decisions?limit=0", null, true);
    assertThat(body(limit).get("code").getStringValue()).isEqualTo("INVALID_PARAMETER");
    assertThat(body(limit).get("details").get(0).getStringValue()).isEqualTo("limit");
  }

  @Test
  void aTypoOrAWrongTypeInTheBoundsIsRefusedAndChangesNothing() throws Exception {
    String path = "/api/v1/autoscaler/pools/" + POOL + "/bounds";
    HttpResponse<String> typo = send("PUT", path, "{\"minNode\":3}", true);
    assertThat(typo.statusCode()).as(typo.body()).isEqualTo(400);
    assertThat(typo.body()).contains("minNode");
    HttpResponse<String> wrongType = send("PUT", path, "{\"minNodes\":0,\"maxNodes\":false}", true);
    assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
    assertThat(body(wrongType).get("code").getStringValue()).isEqualTo("BAD_REQUEST");
    HttpResponse<String> fraction = send("PUT", path, "{\"maxNodes\":2.5}", true);
    assertThat(fraction.statusCode()).as(fraction.body()).isEqualTo(400);
    assertThat(fleet.store().poolState(POOL).minNodes()).isNull();
    assertThat(fleet.store().poolState(POOL).maxNodes()).isNull();
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
