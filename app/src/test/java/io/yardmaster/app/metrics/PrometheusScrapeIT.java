package io.yardmaster.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.json.JsonMapper;
import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.cost.attribution.AllocationStore;
import io.yardmaster.cost.attribution.CostAllocation;
import io.yardmaster.cost.metrics.CostMetrics;
import io.yardmaster.jobs.tracking.TrackerLag;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /prometheus}: an admin token's only, in Prometheus's text format with units in the names,
 * the fleet's gauges labelled by team and state (never a job id); and a real Prometheus (Debian's,
 * {@code YM_TEST_PROMETHEUS}) scrapes it with a bearer token from a file and answers a query on it.
 */
class PrometheusScrapeIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static JobsHarness harness;
  private static String admin;
  private static String team;
  private static Process prometheus;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    harness = JobsHarness.driven(Map.of(), List.of());
    admin = harness.adminToken();
    team = harness.teamToken("risk");
    for (int i = 0; i < 3; i++) {
      harness.post("/api/v1/jobs", team, null, Jobs.sparkPi(2));
    }
    harness.post("/api/v1/jobs", harness.teamToken("ml"), null, Jobs.sparkPi(2));
    harness.submitPass(); // risk's and ml's jobs go to Livy: STARTING
    harness.post("/api/v1/jobs", team, null, Jobs.sparkPi(2)); // one stays QUEUED
    // A tick of pool alpha-ondemand, as the autoscaler records it.
    harness
        .context
        .getBean(AutoscalerStore.class)
        .saveDecision(
            new DecisionRecord(
                null,
                "alpha-ondemand",
                "alpha",
                Instant.now(),
                "yardmaster",
                ScalingAction.GROW,
                DecisionRecord.Outcome.APPLIED,
                3,
                5,
                2,
                3,
                0,
                24,
                98_304,
                4_000,
                false,
                List.of(),
                "grow 3 -> 5",
                "test"));
    harness.context.getBean(FleetMetrics.class).refresh();
    // This replica tracks alpha (the driven harness's loops hold no lease), and a real tick of
    // alpha-ondemand against the simulator's scale set counts its decision.
    Instant now = harness.clock().instant();
    harness.context.getBean(TrackerLag.class).holding("alpha", now);
    harness.context.getBean(AutoscalerLoop.class).runOnce("alpha-ondemand", now);
    // Team risk's app cost 1.25 dollars in the last whole hour, 0.25 of its share of the idle.
    Instant hour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    new AllocationStore(harness.context.getBean(DataSource.class))
        .replace(
            "alpha",
            hour,
            List.of(
                new CostAllocation(
                    hour,
                    "alpha",
                    "alpha-ondemand",
                    CostAllocation.Kind.APP,
                    "application_1_1",
                    "risk",
                    "etl",
                    "load",
                    "manual__1",
                    1,
                    -1,
                    "job",
                    "root.default",
                    "risk-svc",
                    "SUCCEEDED",
                    3600,
                    7_200_000,
                    500_000,
                    500_000,
                    1_000_000,
                    250_000,
                    0)));
    harness.context.getBean(CostMetrics.class).refresh();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.destroy();
    }
    harness.close();
  }

  @Test
  void onlyAnAdminTokenReadsTheMetricsAndTheyCarryTheFleetsState() throws Exception {
    assertThat(scrape(null).statusCode()).isEqualTo(401);
    HttpResponse<String> teams = scrape(team);
    assertThat(teams.statusCode()).isEqualTo(403);
    assertThat(teams.body()).contains("\"code\":\"FORBIDDEN\"");

    HttpResponse<String> scraped = scrape(admin);
    assertThat(scraped.statusCode()).isEqualTo(200);
    String text = scraped.body();
    assertThat(text)
        .contains("# TYPE yardmaster_jobs gauge")
        .contains("yardmaster_jobs{state=\"STARTING\",team=\"risk\"} 3.0")
        .contains("yardmaster_jobs{state=\"QUEUED\",team=\"risk\"} 1.0")
        .contains("yardmaster_jobs{state=\"STARTING\",team=\"ml\"} 1.0")
        .contains("yardmaster_jobs{state=\"RUNNING\",team=\"ml\"} 0.0")
        .contains("yardmaster_pool_target_nodes{cluster=\"alpha\",pool=\"alpha-ondemand\"} 5.0")
        .contains(
            "yardmaster_pool_pending_memory_bytes{cluster=\"alpha\",pool=\"alpha-ondemand\"} 1.03079215104E11")
        .contains(
            "yardmaster_pool_demand_age_seconds{cluster=\"alpha\",pool=\"alpha-ondemand\"} 4.0")
        .contains(
            "yardmaster_peer_request_seconds_count{cluster=\"alpha\",method=\"POST\","
                + "outcome=\"answered\",peer=\"livy\"} 4")
        .contains("# TYPE yardmaster_peer_request_seconds histogram")
        .contains("yardmaster_job_submission_seconds_count{cluster=\"alpha\"} 4")
        .contains("yardmaster_tracker_lag_seconds{cluster=\"alpha\"}")
        .containsPattern(
            "yardmaster_autoscaler_decisions_total\\{action=\"[A-Z_]+\",outcome=\"[A-Z_]+\","
                + "pool=\"alpha-ondemand\"} 1.0")
        .contains("yardmaster_pool_throttled_total{pool=\"alpha-ondemand\"} 0.0")
        .contains("yardmaster_team_cost_last_hour_dollars{team=\"risk\"} 1.25")
        .contains("jvm_memory_used_bytes")
        .doesNotContain("ym-job-")
        .doesNotContain(admin)
        .doesNotContain(team);
  }

  @Test
  void everySeriesOfTheGrafanaDashboardIsServed() throws Exception {
    String dashboard = Files.readString(Path.of("../infra/grafana/yardmaster.json"));
    Matcher names = Pattern.compile("yardmaster_[a-z_]+").matcher(dashboard);
    String text = scrape(admin).body();
    int found = 0;
    while (names.find()) {
      // A histogram's _bucket and _count, a counter's _total: the series, not the TYPE line.
      assertThat(text)
          .as("the dashboard's " + names.group())
          .containsPattern("(?m)^" + names.group() + "[{ ]");
      found++;
    }
    assertThat(found).isGreaterThan(15);
  }

  @Test
  void aRealPrometheusScrapesItWithATokenFromAFile() throws Exception {
    String binary = System.getenv().getOrDefault("YM_TEST_PROMETHEUS", "/usr/bin/prometheus");
    assertThat(Path.of(binary)).as("Prometheus (infra/local-stack/test.sh installs it)").exists();
    Path token = Files.writeString(dir.resolve("token"), admin);
    URI target = URI.create(harness.server.getURL().toString());
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            String.join(
                "\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: yardmaster",
                "    metrics_path: /prometheus",
                "    authorization:",
                "      credentials_file: " + token,
                "    static_configs:",
                "      - targets: ['" + target.getHost() + ":" + target.getPort() + "']",
                ""));
    int port = freePort();
    prometheus =
        new ProcessBuilder(
                binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    String query =
        "http://127.0.0.1:"
            + port
            + "/api/v1/query?query="
            + URLEncoder.encode(
                "yardmaster_jobs{team=\"risk\",state=\"STARTING\"}", StandardCharsets.UTF_8);
    JsonMapper json = harness.context.getBean(JsonMapper.class);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              String body =
                  HTTP.send(
                          HttpRequest.newBuilder(URI.create(query)).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              Map<?, ?> answer = json.readValue(body, Map.class);
              List<?> result = (List<?>) ((Map<?, ?>) answer.get("data")).get("result");
              assertThat(result).as(body).hasSize(1);
              List<?> value = (List<?>) ((Map<?, ?>) result.get(0)).get("value");
              assertThat(value.get(1)).isEqualTo("3");
            });
    // Every query of the Grafana dashboard runs on the real Prometheus: it parses, and those of
    // the series the harness feeds find data (the others may be empty here, not malformed).
    List<String> expressions = dashboardQueries(json);
    assertThat(expressions).hasSizeGreaterThan(15);
    List<String> fed =
        List.of(
            "yardmaster_jobs",
            "yardmaster_team_cost_last_hour_dollars",
            "yardmaster_peer_request_seconds_bucket",
            "yardmaster_job_submission_seconds_bucket",
            "yardmaster_autoscaler_decisions_total",
            "http_server_requests_seconds_count");
    await("every dashboard query answered by Prometheus")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String expression : expressions) {
                String promql = expression.replace("$pool", ".*").replace("$__all", ".*");
                String body =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://127.0.0.1:"
                                            + port
                                            + "/api/v1/query?query="
                                            + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body();
                Map<?, ?> answer = json.readValue(body, Map.class);
                assertThat(answer.get("status")).as("%s: %s", promql, body).isEqualTo("success");
                List<?> result = (List<?>) ((Map<?, ?>) answer.get("data")).get("result");
                if (fed.stream().anyMatch(promql::contains)) {
                  assertThat(result).as("%s: %s", promql, body).isNotEmpty();
                }
              }
            });
  }

  /** The {@code expr} of every panel's every target in infra/grafana/yardmaster.json. */
  private static List<String> dashboardQueries(JsonMapper json) throws IOException {
    Map<?, ?> dashboard =
        json.readValue(Files.readString(Path.of("../infra/grafana/yardmaster.json")), Map.class);
    List<String> expressions = new java.util.ArrayList<>();
    for (Object panel : (List<?>) dashboard.get("panels")) {
      Object targets = ((Map<?, ?>) panel).get("targets");
      for (Object target : targets == null ? List.of() : (List<?>) targets) {
        Object expr = ((Map<?, ?>) target).get("expr");
        if (expr != null) {
          expressions.add((String) expr);
        }
      }
    }
    return expressions;
  }

  private static HttpResponse<String> scrape(String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(harness.server.getURL() + "/prometheus"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
