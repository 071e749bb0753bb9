package io.yardmaster.app.wiring;

import static io.yardmaster.app.testing.CostAnswers.costByTeam;
import static io.yardmaster.app.testing.CostAnswers.costs;
import static io.yardmaster.app.testing.CostAnswers.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    try (YardmasterProcess app = start(port, "EmbeddedDefaultCostsIT-application.log")) {
      String admin = Files.readString(data.resolve("admin-token")).trim();
      Map<String, Object> byDag =
          await("costs of the simulated past")
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(2))
              .until(() -> costs(app.url(), admin, "dag"), answer -> names(answer).size() >= 21);
      Set<String> teams = names(costs(app.url(), admin, "team"));

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
    try (YardmasterProcess first = start(port, logName)) {
      String admin = Files.readString(data.resolve("admin-token")).trim();
      await("the first attributed hours")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> names(costs(first.url(), admin, "dag")).size() >= 3);
      assertThat(first.kill()).as("exit status after SIGKILL").isEqualTo(128 + 9);
    }
    try (YardmasterProcess again = start(port, logName)) {
      String admin = Files.readString(data.resolve("admin-token")).trim();
      await("costs of the simulated past after the restart")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> names(costs(again.url(), admin, "dag")).size() >= 21);
      // Two reads may straddle an hour's commit; the summary and the rows must then agree again.
      await("the summary and the rows agree")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Map<String, Long> summary = costByTeam(costs(again.url(), admin, "team"));
                assertThat(summary)
                    .isNotEmpty()
                    .isEqualTo(costByTeam(costs(again.url(), admin, "app")));
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
}
