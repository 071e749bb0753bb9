package io.yardmaster.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.TestDatabases;
import io.yardmaster.autoscaler.loop.LoopFixtures;
import io.yardmaster.autoscaler.loop.SimulatedFleetFixture;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/v1/autoscaler/pools/{pool}/history} on H2 and PostgreSQL: two hours of ticks
 * written as the loop writes them (the store's {@code saveDecision}, and one tick of the real loop
 * on the simulated fleet) come back as the maxima of each step, computed here from the same ticks,
 * and the decisions that acted as markers, bounded to the newest 500.
 */
class PoolHistoryApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String POOL = SimulatedFleetFixture.POOL;
  private static final Instant T0 = Instant.parse("2026-11-04T10:00:00Z");
  private static final Duration TICK = Duration.ofSeconds(30);
  private static final int TICKS = 240;
  // vm-cores 8 and vm-memory-mb 32768 (the fixture): a NodeManager offers 8 vcores, 28672 MB.
  private static final int NODE_VCORES = 8;
  private static final int NODE_MEMORY_MB = 32768 * 7 / 8;

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void eachStepIsTheMaximumOfItsTicksAndTheActingDecisionsAreMarkers(TestDatabases.Kind database)
      throws Exception {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), TestDatabases.settings(database))) {
      Client client = new Client(fleet);
      AutoscalerStore store = fleet.store();
      List<DecisionRecord> ticks = new ArrayList<>();
      for (int i = 0; i < TICKS; i++) {
        DecisionRecord tick = tick(POOL, T0.plus(TICK.multipliedBy(i)), i);
        store.saveDecision(tick);
        ticks.add(tick);
      }
      // Another pool's ticks in the same window are not this pool's.
      store.saveDecision(tick("elsewhere", T0.plusSeconds(60), 7));

      HttpResponse<String> response =
          client.get(
              "/pools/"
                  + POOL
                  + "/history?window="
                  + range(T0, T0.plus(Duration.ofHours(2)))
                  + "&step=15m");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode history = client.body(response);
      assertThat(history.get("pool").getStringValue()).isEqualTo(POOL);
      assertThat(history.get("start").getStringValue()).isEqualTo("2026-11-04T10:00:00Z");
      assertThat(history.get("end").getStringValue()).isEqualTo("2026-11-04T12:00:00Z");
      assertThat(history.get("step").getStringValue()).isEqualTo("15m");
      assertThat(history.get("stepSeconds").getLongValue()).isEqualTo(900);
      assertThat(history.get("nodeVcores").getIntValue()).isEqualTo(NODE_VCORES);
      JsonNode buckets = history.get("buckets");
      assertThat(buckets.size()).isEqualTo(8);
      for (int b = 0; b < 8; b++) {
        List<DecisionRecord> inStep = ticks.subList(b * 30, (b + 1) * 30);
        JsonNode bucket = buckets.get(b);
        assertThat(bucket.get("start").getStringValue())
            .isEqualTo(T0.plus(Duration.ofMinutes(15L * b)).toString());
        assertThat(bucket.get("ticks").getIntValue()).isEqualTo(30);
        assertThat(bucket.get("nodes").getIntValue()).isEqualTo(max(inStep, DecisionRecord::nodes));
        assertThat(bucket.get("busyNodes").getIntValue())
            .isEqualTo(max(inStep, d -> d.nodes() - d.freeNodes()));
        assertThat(bucket.get("target").getIntValue())
            .isEqualTo(max(inStep, DecisionRecord::target));
        assertThat(bucket.get("bootingVms").getIntValue())
            .isEqualTo(max(inStep, DecisionRecord::bootingVms));
        assertThat(bucket.get("capacity").getIntValue())
            .isEqualTo(max(inStep, d -> d.capacity() == null ? -1 : d.capacity()));
        long vcores = inStep.stream().mapToLong(DecisionRecord::pendingVcores).max().orElseThrow();
        long memory =
            inStep.stream().mapToLong(DecisionRecord::pendingMemoryMb).max().orElseThrow();
        assertThat(bucket.get("pendingVcores").getLongValue()).isEqualTo(vcores);
        assertThat(bucket.get("pendingMemoryMb").getLongValue()).isEqualTo(memory);
        assertThat(bucket.get("pendingNodes").getLongValue())
            .isEqualTo(
                Math.max(
                    (vcores + NODE_VCORES - 1) / NODE_VCORES,
                    (memory + NODE_MEMORY_MB - 1) / NODE_MEMORY_MB));
      }

      List<DecisionRecord> acted =
          ticks.stream()
              .filter(d -> d.action() != ScalingAction.HOLD || d.outcome() == Outcome.FAILED)
              .toList();
      JsonNode decisions = history.get("decisions");
      assertThat(history.get("truncated").getBooleanValue()).isFalse();
      assertThat(decisions.size()).isEqualTo(acted.size()).isGreaterThan(10);
      for (int i = 0; i < acted.size(); i++) {
        JsonNode marker = decisions.get(i);
        assertThat(marker.get("tickAt").getStringValue())
            .isEqualTo(acted.get(i).tickAt().toString());
        assertThat(marker.get("action").getStringValue()).isEqualTo(acted.get(i).action().name());
        assertThat(marker.get("outcome").getStringValue()).isEqualTo(acted.get(i).outcome().name());
        assertThat(marker.get("reason").getStringValue()).isEqualTo(acted.get(i).reason());
        assertThat(marker.get("target").getIntValue()).isEqualTo(acted.get(i).target());
        assertThat(marker.get("id").getLongValue()).isPositive();
      }

      // A step that does not divide the window evenly still counts each tick once.
      JsonNode hourly =
          client.body(
              client.get(
                  "/pools/"
                      + POOL
                      + "/history?window="
                      + range(T0, T0.plusSeconds(7000))
                      + "&step=1h"));
      assertThat(hourly.get("buckets").size()).isEqualTo(2);
      assertThat(
              hourly.get("buckets").get(0).get("ticks").getIntValue()
                  + hourly.get("buckets").get(1).get("ticks").getIntValue())
          .isEqualTo(TICKS);

      // The real loop's tick on the simulated fleet is read back too.
      Instant now = fleet.now();
      int before = fleet.scaleSet().capacity();
      fleet
          .loop(LoopFixtures.policy(snapshot -> ScalingDecision.grow(before + 2, "burst")))
          .runOnce(POOL, now);
      Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
      JsonNode live =
          client.body(
              client.get(
                  "/pools/"
                      + POOL
                      + "/history?window="
                      + range(minute, minute.plusSeconds(60))
                      + "&step=1m"));
      DecisionRecord written = store.decisions(POOL, 1).get(0);
      assertThat(live.get("buckets").size()).isEqualTo(1);
      assertThat(live.get("buckets").get(0).get("nodes").getIntValue()).isEqualTo(written.nodes());
      assertThat(live.get("buckets").get(0).get("target").getIntValue()).isEqualTo(before + 2);
      assertThat(live.get("decisions").get(0).get("action").getStringValue()).isEqualTo("GROW");
      assertThat(live.get("decisions").get(0).get("reason").getStringValue()).contains("burst");
    }
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void theMarkersAreTheNewest500AndBadParametersAreNamed(TestDatabases.Kind database)
      throws Exception {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), TestDatabases.settings(database))) {
      Client client = new Client(fleet);
      // The last hour up to now, by the server's clock: 520 grows, one a tick.
      Instant last = Instant.now().minusSeconds(5);
      IntStream.range(0, 520)
          .forEach(
              i ->
                  fleet
                      .store()
                      .saveDecision(
                          grow(POOL, last.minus(TICK.multipliedBy(519 - i)), "grow " + i)));

      JsonNode history = client.body(client.get("/pools/" + POOL + "/history?window=6h"));
      assertThat(history.get("truncated").getBooleanValue()).isTrue();
      assertThat(history.get("step").getStringValue()).isEqualTo("5m");
      Instant end = Instant.parse(history.get("end").getStringValue());
      assertThat(end).isAfter(last);
      assertThat(Duration.between(Instant.parse(history.get("start").getStringValue()), end))
          .isEqualTo(Duration.ofHours(6));
      JsonNode decisions = history.get("decisions");
      assertThat(decisions.size()).isEqualTo(AutoscalerController.MAX_MARKERS);
      assertThat(decisions.get(0).get("reason").getStringValue()).isEqualTo("grow 20");
      assertThat(decisions.get(499).get("reason").getStringValue()).isEqualTo("grow 519");
      int ticks = 0;
      for (int i = 0; i < history.get("buckets").size(); i++) {
        ticks += history.get("buckets").get(i).get("ticks").getIntValue();
      }
      assertThat(ticks).isEqualTo(520);

      for (Map.Entry<String, String> bad :
          Map.of(
                  "window=2x",
                  "window",
                  "window=40d",
                  "window",
                  "window=" + range(T0, T0.minusSeconds(60)),
                  "window",
                  "window=2026-11-04,2026-11-05",
                  "window",
                  "step=0m",
                  "step",
                  "step=5s",
                  "step",
                  "window=31d&step=1m",
                  "step")
              .entrySet()) {
        HttpResponse<String> refused = client.get("/pools/" + POOL + "/history?" + bad.getKey());
        assertThat(refused.statusCode()).as(bad.getKey() + ": " + refused.body()).isEqualTo(400);
        JsonNode error = client.body(refused);
        assertThat(error.get("code").getStringValue()).isEqualTo("INVALID_PARAMETER");
        assertThat(error.get("details").get(0).getStringValue()).isEqualTo(bad.getValue());
      }
      HttpResponse<String> unknown = client.get("/pools/nope/history");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(client.body(unknown).get("code").getStringValue()).isEqualTo("POOL_NOT_FOUND");
      HttpResponse<String> team = client.getAsTeam("/pools/" + POOL + "/history");
      assertThat(team.statusCode()).isEqualTo(403);
      assertThat(client.body(team).get("code").getStringValue()).isEqualTo("FORBIDDEN");
    }
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  /**
   * Tick {@code i}: nodes and demand rise and fall in waves; every 13th grows, every 29th shrinks,
   * every 31st grow fails at the cloud, every 37th tick's capacity read fails (a failed HOLD).
   */
  private static DecisionRecord tick(String pool, Instant at, int i) {
    int nodes = 2 + (i / 4) % 9;
    int free = (i * 7) % 3;
    int booting = i % 5 == 0 ? 2 : 0;
    boolean readFailed = i % 37 == 36;
    ScalingAction action =
        readFailed
            ? ScalingAction.HOLD
            : i % 13 == 0
                ? ScalingAction.GROW
                : i % 29 == 0 ? ScalingAction.SHRINK : ScalingAction.HOLD;
    Outcome outcome =
        readFailed
            ? Outcome.FAILED
            : action == ScalingAction.HOLD
                ? Outcome.NONE
                : i % 31 == 0 ? Outcome.FAILED : Outcome.APPLIED;
    int target =
        action == ScalingAction.GROW
            ? nodes + 3
            : action == ScalingAction.SHRINK ? nodes - 1 : nodes;
    return new DecisionRecord(
        null,
        pool,
        SimulatedFleetFixture.CLUSTER,
        at,
        "yardmaster",
        action,
        outcome,
        readFailed ? null : nodes + booting,
        target,
        booting,
        nodes,
        free,
        (i * 11L) % 90,
        (i * 4099L) % 200_000,
        250,
        false,
        List.of(),
        action + " at tick " + i,
        "test");
  }

  private static DecisionRecord grow(String pool, Instant at, String reason) {
    return new DecisionRecord(
        null,
        pool,
        SimulatedFleetFixture.CLUSTER,
        at,
        "yardmaster",
        ScalingAction.GROW,
        Outcome.APPLIED,
        3,
        4,
        1,
        2,
        0,
        16,
        65536,
        100,
        false,
        List.of(),
        reason,
        "test");
  }

  private static int max(
      List<DecisionRecord> ticks, java.util.function.ToIntFunction<DecisionRecord> value) {
    return ticks.stream().mapToInt(value).max().orElseThrow();
  }

  private static String range(Instant start, Instant end) {
    return URLEncoder.encode(start + "," + end, StandardCharsets.UTF_8);
  }

  /** The autoscaler API of the fixture, as an admin or as a team. */
  private static final class Client {
    private final SimulatedFleetFixture fleet;
    private final JsonMapper json;
    private final String admin;
    private final String team;

    Client(SimulatedFleetFixture fleet) {
      this.fleet = fleet;
      this.json = fleet.autoscalerContext().getBean(JsonMapper.class);
      Tokens tokens = fleet.autoscalerContext().getBean(Tokens.class);
      this.admin = tokens.issue(Role.ADMIN, null, "history test").token();
      fleet
          .autoscalerContext()
          .getBean(TeamRepository.class)
          .save(new Team("capacity-readers", "svc", 100, 10, 100, 1_000_000, Instant.now()));
      this.team = tokens.issue(Role.TEAM, "capacity-readers", "history test").token();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return send(path, admin);
    }

    HttpResponse<String> getAsTeam(String path) throws IOException, InterruptedException {
      return send(path, team);
    }

    private HttpResponse<String> send(String path, String token)
        throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(fleet.autoscalerUrl() + "/api/v1/autoscaler" + path))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode body(HttpResponse<String> response) throws IOException {
      return json.readValue(response.body(), JsonNode.class);
    }
  }
}
