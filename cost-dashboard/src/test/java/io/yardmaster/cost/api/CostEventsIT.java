package io.yardmaster.cost.api;

import static io.yardmaster.cost.PoolHistory.tick;
import static io.yardmaster.cost.PoolHistory.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.AllocationRow;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.FixedClockFactory;
import io.yardmaster.cost.collect.VmStore;
import io.yardmaster.testing.ResponseConformance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/v1/costs/events} over a real server: the autoscaler's applied grows and VM
 * deletes of the pools a query's apps ran on, and the spot VMs that left without a delete, as
 * stored by the autoscaler's and the cost role's own stores. A team sees the events of its own
 * apps' pools only.
 */
class CostEventsIT {
  private static final String WINDOW = "window=2026-11-03T00:00:00Z,2026-11-05T00:00:00Z";
  private static final String SPOT = "alpha-spot";
  private static final String BETA = "beta-ondemand";
  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(CostTestServer.Database.class)
  void eventsOfTheQuerysPoolsWithEvictionsToldFromDeletes(CostTestServer.Database database)
      throws Exception {
    try (CostTestServer server =
        CostTestServer.start(
            database, Map.of(FixedClockFactory.PROPERTY, "2026-11-04T12:30:00Z"))) {
      server.insert(
          List.of(
              app("alpha", SPOT, "risk", "risk_scoring", "application_1_0001"),
              app("beta", BETA, "ops", "ops_rollup", "application_2_0001")));
      AutoscalerStore decisions = server.context().getBean(AutoscalerStore.class);
      decisions.saveDecision(
          tick(SPOT, "2026-11-04T09:00:00Z", ScalingAction.GROW, Outcome.APPLIED, 2, 5, List.of()));
      decisions.saveDecision(
          tick(SPOT, "2026-11-04T09:30:00Z", ScalingAction.GROW, Outcome.FAILED, 5, 7, List.of()));
      decisions.saveDecision(
          tick(
              SPOT,
              "2026-11-04T10:50:00Z",
              ScalingAction.SHRINK,
              Outcome.APPLIED,
              5,
              3,
              List.of()));
      decisions.saveDecision(
          tick(
              SPOT,
              "2026-11-04T11:00:00Z",
              ScalingAction.SHRINK,
              Outcome.APPLIED,
              5,
              3,
              List.of("7", "8")));
      decisions.saveDecision(
          tick(SPOT, "2026-11-02T12:00:00Z", ScalingAction.GROW, Outcome.APPLIED, 1, 2, List.of()));
      decisions.saveDecision(
          tick(SPOT, "2026-11-04T12:00:00Z", ScalingAction.HOLD, Outcome.NONE, 3, 3, List.of()));
      decisions.saveDecision(
          tick(BETA, "2026-11-04T08:00:00Z", ScalingAction.GROW, Outcome.APPLIED, 1, 4, List.of()));
      VmStore vms = server.context().getBean(VmStore.class);
      vm(vms, SPOT, "5", Priority.SPOT, "2026-11-04T10:17:00Z");
      vm(vms, SPOT, "6", Priority.SPOT, "2026-11-04T10:17:00Z");
      vm(vms, SPOT, "7", Priority.SPOT, "2026-11-04T11:03:00Z");
      vm(vms, SPOT, "8", Priority.SPOT, "2026-11-04T11:03:00Z");
      vm(vms, SPOT, "9", Priority.SPOT, null);
      vm(vms, SPOT, "4", Priority.SPOT, "2026-11-02T10:00:00Z");
      vm(vms, BETA, "1", Priority.ON_DEMAND, "2026-11-04T10:17:00Z");
      JsonMapper json = server.context().getBean(JsonMapper.class);
      String admin = server.adminToken();
      String risk = server.teamToken("risk");
      String ops = server.teamToken("ops");

      Map<String, Object> all = get(server, json, "/api/v1/costs/events?" + WINDOW, admin);
      assertThat(all.get("pools")).isEqualTo(List.of(SPOT, BETA));
      assertThat(all.get("start")).isEqualTo("2026-11-03T00:00:00Z");
      assertThat(all.get("truncated")).isEqualTo(false);
      assertThat(events(all))
          .containsExactly(
              "2026-11-04T08:00:00Z SCALE_OUT beta/beta-ondemand 3 (1 -> 4)",
              "2026-11-04T09:00:00Z SCALE_OUT alpha/alpha-spot 3 (2 -> 5)",
              "2026-11-04T10:17:00Z SPOT_EVICTION alpha/alpha-spot 2 (null -> null)",
              "2026-11-04T11:00:00Z SCALE_IN alpha/alpha-spot 2 (5 -> 3)");

      Map<String, Object> dag =
          get(server, json, "/api/v1/costs/events?filter=dag:risk_scoring&" + WINDOW, admin);
      assertThat(dag.get("pools")).isEqualTo(List.of(SPOT));
      assertThat(events(dag)).hasSize(3).noneMatch(e -> e.contains(BETA));

      Map<String, Object> mine = get(server, json, "/api/v1/costs/events?" + WINDOW, risk);
      assertThat(mine.get("pools")).as("a team: its own apps' pools").isEqualTo(List.of(SPOT));
      assertThat(events(mine)).isEqualTo(events(dag));
      assertThat(events(get(server, json, "/api/v1/costs/events?" + WINDOW, ops)))
          .containsExactly("2026-11-04T08:00:00Z SCALE_OUT beta/beta-ondemand 3 (1 -> 4)");
      assertThat(
              get(
                      server,
                      json,
                      "/api/v1/costs/events?window=2026-11-01T00:00:00Z,2026-11-02T00:00:00Z",
                      admin)
                  .get("pools"))
          .as("no costs in the window, no pools")
          .isEqualTo(List.of());

      HttpResponse<String> other = send(server, "/api/v1/costs/events?filter=team:ops", risk);
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.body()).contains("\"filter\"");
      HttpResponse<String> badWindow = send(server, "/api/v1/costs/events?window=3x", admin);
      assertThat(badWindow.statusCode()).isEqualTo(400);
      assertThat(badWindow.body()).contains("\"window\"");
      HttpResponse<String> unknown = send(server, "/api/v1/costs/events?aggregate=dag", admin);
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("\"aggregate\"");
      HttpResponse<String> twice = send(server, "/api/v1/costs/events?window=1d&window=2d", admin);
      assertThat(twice.statusCode()).isEqualTo(400);
      assertThat(twice.body()).contains("\"window\"");
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/costs/events")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
    }
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> events(Map<String, Object> answer) {
    return ((List<Map<String, Object>>) answer.get("events"))
        .stream()
            .map(
                e ->
                    e.get("at")
                        + " "
                        + e.get("kind")
                        + " "
                        + e.get("cluster")
                        + "/"
                        + e.get("pool")
                        + " "
                        + e.get("vms")
                        + " ("
                        + e.get("capacity")
                        + " -> "
                        + e.get("target")
                        + ")")
            .toList();
  }

  private HttpResponse<String> send(CostTestServer server, String path, String token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(CostTestServer server, JsonMapper json, String path, String token)
      throws Exception {
    HttpResponse<String> response = send(server, path, token);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readValue(response.body(), Map.class);
  }

  private static AllocationRow app(
      String cluster, String pool, String team, String dag, String appId) {
    return new AllocationRow(
        Instant.parse("2026-11-04T10:00:00Z").toEpochMilli(),
        cluster,
        pool,
        "APP",
        appId,
        team,
        dag,
        "score",
        "scheduled__2026-11-04T10:00:00+00:00",
        1,
        "job-" + appId,
        "default",
        team + "-svc",
        "SUCCEEDED",
        3600,
        3600 * 4096,
        400_000,
        100_000,
        500_000,
        0,
        0);
  }
}
