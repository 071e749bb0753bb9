package io.yardmaster.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.peers.harness.YardmasterLaunch;
import io.yardmaster.peers.harness.YardmasterProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as a newcomer starts it (the {@code local} environment, the fleet of {@code
 * infra/local-stack/fleet.yml}): within two minutes {@code /api/v1/costs} has a simulated past of
 * 20+ DAGs of several teams, made by the real collection (the simulated RMs over HTTP, the scale
 * sets through the Azure SDK) and the real attribution, never by rows a test wrote; and a kill -9
 * of those loops on the same H2 file leaves no hour half-written.
 */
class EmbeddedDefaultCostsIT {
  /** The first 300 jobs of the shared day's trace (119 DAGs, 8 teams), kept in the repository. */
  private static final Path TRACE =
      Path.of("../simulator/src/test/resources/traces/fb2009-head.csv");

  @TempDir Path data;

  @Test
  @SuppressWarnings("unchecked")
  void aSimulatedDayOfCostsForManyDagsOfSeveralTeamsWithinTwoMinutes() throws Exception {
    int port = YardmasterProcess.freePort();
    try (YardmasterProcess app = start(port, "EmbeddedDefaultCostsIT-application.log");
        HttpClient http = HttpClient.create(app.url().toURL())) {
      BlockingHttpClient api = http.toBlocking();
      String admin = Files.readString(data.resolve("admin-token")).trim();
      Map<String, Object> byDag =
          await("costs of the simulated past")
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(2))
              .until(() -> costs(api, admin, "dag"), answer -> names(answer).size() >= 21);
      Set<String> teams = names(costs(api, admin, "team"));

      assertThat(names(byDag)).as("DAGs besides the idle line").hasSizeGreaterThanOrEqualTo(21);
      assertThat(teams).as("teams").hasSizeGreaterThanOrEqualTo(4);
      Map<String, Object> totals = (Map<String, Object>) byDag.get("totals");
      assertThat(((Number) totals.get("costMicros")).longValue()).isPositive();
      assertThat(((Number) totals.get("runs")).intValue()).isGreaterThanOrEqualTo(20);
    }
  }

  /**
   * The cost loops killed with SIGKILL while they collect and attribute the simulated past, on the
   * embedded H2 file: after a restart on the same data directory every DAG's costs come back, and
   * each team's cost read from the per-hour summary (ADR 0024) equals the same team's apps read
   * from {@code cost_allocation}, to the micro-dollar — no hour was left half-written in either.
   */
  @Test
  void aKillNineMidAttributionLeavesEveryHourWholeOnH2() throws Exception {
    int port = YardmasterProcess.freePort();
    String logName = "EmbeddedDefaultCostsIT-kill-application.log";
    try (YardmasterProcess first = start(port, logName);
        HttpClient http = HttpClient.create(first.url().toURL())) {
      String admin = Files.readString(data.resolve("admin-token")).trim();
      await("the first attributed hours")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> names(costs(http.toBlocking(), admin, "dag")).size() >= 3);
      assertThat(first.kill()).as("exit status after SIGKILL").isEqualTo(128 + 9);
    }
    try (YardmasterProcess again = start(port, logName);
        HttpClient http = HttpClient.create(again.url().toURL())) {
      BlockingHttpClient api = http.toBlocking();
      String admin = Files.readString(data.resolve("admin-token")).trim();
      await("costs of the simulated past after the restart")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> names(costs(api, admin, "dag")).size() >= 21);
      // Two reads may straddle an hour's commit; the summary and the rows must then agree again.
      await("the summary and the rows agree")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Map<String, Long> summary = costByTeam(costs(api, admin, "team"));
                assertThat(summary).isNotEmpty().isEqualTo(costByTeam(costs(api, admin, "app")));
              });
    }
  }

  private YardmasterProcess start(int port, String logName) throws IOException {
    Map<String, String> properties =
        Map.of(
            "micronaut.environments", "local",
            "yardmaster.data-dir", data.toString(),
            "yardmaster.simulator.history.trace", TRACE.toAbsolutePath().normalize().toString());
    return YardmasterProcess.start(
        new YardmasterLaunch(
            "embedded-default",
            AppJar.JAR,
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            properties,
            Map.of(
                "MICRONAUT_CONFIG_FILES",
                Path.of("../infra/local-stack/fleet.yml").toAbsolutePath().toString()),
            Path.of("").toAbsolutePath(),
            Path.of("target", logName),
            port,
            Duration.ofSeconds(90)));
  }

  /** Each team's cost in micro-dollars (the idle line under its own name), from any aggregate. */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> costByTeam(Map<String, Object> answer) {
    Map<String, Long> byTeam = new TreeMap<>();
    for (Map<String, Object> set : (List<Map<String, Object>>) answer.get("sets")) {
      for (Map<String, Object> row : (List<Map<String, Object>>) set.get("rows")) {
        String name = (String) row.get("name");
        Map<String, Object> properties = (Map<String, Object>) row.get("properties");
        String team = name.startsWith("__idle__") ? "__idle__" : (String) properties.get("team");
        byTeam.merge(team, ((Number) row.get("costMicros")).longValue(), Long::sum);
      }
    }
    return byTeam;
  }

  private static Map<String, Object> costs(BlockingHttpClient api, String admin, String by) {
    return api.retrieve(
        HttpRequest.GET("/api/v1/costs?window=2d&aggregate=" + by).bearerAuth(admin),
        Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> names(Map<String, Object> answer) {
    List<Map<String, Object>> sets = (List<Map<String, Object>>) answer.get("sets");
    return sets.stream()
        .flatMap(set -> ((List<Map<String, Object>>) set.get("rows")).stream())
        .map(row -> (String) row.get("name"))
        .filter(name -> !name.startsWith("__"))
        .collect(Collectors.toSet());
  }
}
