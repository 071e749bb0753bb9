package io.yardmaster.livyfacade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Livy-compatible facade end to end on the simulated fleet, spoken to as the stock LivyOperator
 * speaks: basic auth with the team token as the password, JSON bodies with counts as strings, the
 * prefix {@code /livy} in the base URL. Every answer is also checked against the served OpenAPI
 * document (ResponseConformance).
 */
class LivyFacadeIT {
  private static final Set<String> LIVY_STATES =
      Set.of(
          "not_started",
          "starting",
          "running",
          "idle",
          "busy",
          "shutting_down",
          "error",
          "dead",
          "killed",
          "success");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static EmbeddedServer server;
  static String base;
  static String analytics;
  static String risk;
  static JsonMapper json;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String sim = "http://127.0.0.1:" + port + "/sim/alpha";
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put("yardmaster.clusters.alpha.livy-url", sim + "/livy");
    properties.put("yardmaster.clusters.alpha.resource-manager-url", sim + "/rm");
    properties.put("yardmaster.clusters.alpha.tags", List.of("batch"));
    properties.put("yardmaster.simulator.enabled", "true");
    properties.put("yardmaster.simulator.speed-up", 20);
    properties.put("yardmaster.jobs.submit-interval", "100ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    properties.put("yardmaster.livy-facade.teams.risk.tags", List.of("batch"));
    server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    base = server.getURL() + "/livy";
    json = server.getApplicationContext().getBean(JsonMapper.class);
    analytics = TestTokens.team(server.getApplicationContext(), "analytics");
    risk = TestTokens.team(server.getApplicationContext(), "risk");
  }

  @AfterAll
  static void stop() {
    server.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  /** An answer: its status and its JSON body. */
  record Answer(int status, Map<String, Object> body, String raw) {}

  static String basic(String token) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("any-login:" + token).getBytes(StandardCharsets.UTF_8));
  }

  static Answer send(String method, String path, String token, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("X-Requested-By", "airflow")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", basic(token));
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .as("%s %s -> %s", method, path, response.body())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    Map<String, Object> parsed =
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    return new Answer(response.statusCode(), parsed, response.body());
  }

  static String batch(String name, String conf) {
    return "{\"file\":\"local:/opt/spark/examples/jars/spark-examples.jar\","
        + "\"className\":\"org.apache.spark.examples.SparkPi\",\"args\":[\"10\"],"
        + "\"name\":\""
        + name
        + "\",\"numExecutors\":\"2\",\"executorCores\":1,\"executorMemory\":\"1g\","
        + "\"conf\":{"
        + conf
        + "}}";
  }

  static int submit(String token, String body) throws Exception {
    Answer answer = send("POST", "/batches", token, body);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    assertThat(answer.body().get("id")).isInstanceOf(Integer.class);
    assertThat(answer.body()).containsKey("appId").containsKey("appInfo").containsKey("log");
    assertThat(LIVY_STATES).contains((String) answer.body().get("state"));
    return (Integer) answer.body().get("id");
  }

  static String awaitState(int id, String token, String state, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .untilAsserted(
            () -> {
              Answer answer = send("GET", "/batches/" + id + "/state", token, null);
              assertThat(answer.status()).isEqualTo(200);
              assertThat(answer.body().get("id")).isEqualTo(id);
              assertThat(LIVY_STATES).contains((String) answer.body().get("state"));
              assertThat(answer.body().get("state")).isEqualTo(state);
            });
    return state;
  }

  @Test
  void aBatchRunsToSuccessWithItsAppIdAndLogsAndStaysListed() throws Exception {
    int id = submit(analytics, batch("pi", "\"spark.yardmaster.sim.duration\":\"40s\""));
    Answer first = send("GET", "/batches/" + id, analytics, null);
    assertThat(first.body()).containsKey("appId");
    awaitState(id, analytics, "success", 60);

    Answer done = send("GET", "/batches/" + id, analytics, null);
    assertThat((String) done.body().get("appId")).startsWith("application_");
    // As Livy: the last lines of the log (at most 10), the same as the log's own last lines.
    List<?> tail = (List<?>) done.body().get("log");
    assertThat(tail).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    Answer last = send("GET", "/batches/" + id + "/log?size=" + tail.size(), analytics, null);
    assertThat(last.body().get("log")).isEqualTo(tail);
    assertThat(done.body().get("owner")).isEqualTo("analytics");
    @SuppressWarnings("unchecked")
    Map<String, Object> appInfo = (Map<String, Object>) done.body().get("appInfo");
    assertThat(appInfo).containsKeys("driverLogUrl", "sparkUiUrl");

    Answer log = send("GET", "/batches/" + id + "/log?from=0&size=100", analytics, null);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.body()).containsKeys("id", "from", "total", "log");
    int total = (Integer) log.body().get("total");
    assertThat(total).isPositive();
    assertThat((List<?>) log.body().get("log")).hasSize(Math.min(total, 100));
    Answer past =
        send("GET", "/batches/" + id + "/log?from=" + total + "&size=100", analytics, null);
    assertThat(past.status()).isEqualTo(200);
    assertThat((List<?>) past.body().get("log")).isEmpty();
    assertThat(past.body().get("total")).isEqualTo(total);

    Answer list = send("GET", "/batches?from=0&size=1000", analytics, null);
    assertThat(list.body()).containsKeys("from", "total", "sessions");
    assertThat(String.valueOf(list.body().get("sessions"))).contains("id=" + id + ",");
    // A finished batch is killed idempotently: 200 with a JSON body, and it stays a success.
    Answer delete = send("DELETE", "/batches/" + id, analytics, null);
    assertThat(delete.status()).isEqualTo(200);
    assertThat(delete.body()).containsEntry("msg", "deleted");
    assertThat(send("GET", "/batches/" + id + "/state", analytics, null).body())
        .containsEntry("state", "success");
  }

  @Test
  void aSparkFailureIsDeadAndItsDiagnosticsAreInTheLog() throws Exception {
    int id =
        submit(
            analytics,
            batch(
                "failing",
                "\"spark.yardmaster.sim.duration\":\"20s\",\"spark.yardmaster.sim.fail\":true"));
    awaitState(id, analytics, "dead", 60);
    Answer log = send("GET", "/batches/" + id + "/log?from=0&size=1000", analytics, null);
    assertThat(String.valueOf(log.body().get("log"))).contains("simulated failure");
  }

  @Test
  void aKillReachesTheYarnAppAndAnswersJson() throws Exception {
    int id = submit(analytics, batch("long", "\"spark.yardmaster.sim.duration\":\"30m\""));
    awaitState(id, analytics, "running", 60);
    Answer delete = send("DELETE", "/batches/" + id, analytics, null);
    assertThat(delete.status()).isEqualTo(200);
    assertThat(delete.body()).containsEntry("msg", "deleted");
    awaitState(id, analytics, "killed", 30);
    String app = (String) send("GET", "/batches/" + id, analytics, null).body().get("appId");
    HttpResponse<String> yarn =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.getURL() + "/sim/alpha/rm/ws/v1/cluster/apps/" + app + "/state"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(yarn.body()).contains("KILLED");
    assertThat(send("DELETE", "/batches/" + id, analytics, null).status()).isEqualTo(200);
  }

  @Test
  void aTeamSeesOnlyItsOwnBatchesAndRoutesByItsDefaultTarget() throws Exception {
    int theirs = submit(risk, batch("risk-pi", "\"spark.yardmaster.sim.duration\":\"20s\""));
    for (String path : List.of("", "/state", "/log")) {
      Answer answer = send("GET", "/batches/" + theirs + path, analytics, null);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.body()).containsKey("msg").containsEntry("code", "JOB_NOT_FOUND");
    }
    assertThat(send("DELETE", "/batches/" + theirs, analytics, null).status()).isEqualTo(404);
    assertThat(String.valueOf(send("GET", "/batches", analytics, null).body().get("sessions")))
        .doesNotContain("risk-pi");
    Answer listed = send("GET", "/batches", risk, null);
    assertThat(String.valueOf(listed.body().get("sessions"))).contains("risk-pi");
    String jobId =
        (String) send("GET", "/batches/" + theirs, risk, null).body().get("yardmasterJobId");
    Map<String, Object> job = nativeJob(jobId, risk);
    assertThat(String.valueOf(job.get("request"))).contains("tags=[batch]");
  }

  @Test
  void aTargetInConfRoutesAndAnUnknownClusterIsA400WithMsg() throws Exception {
    int id = submit(analytics, batch("routed", "\"yardmaster.target.cluster\":\"alpha\""));
    String jobId =
        (String) send("GET", "/batches/" + id, analytics, null).body().get("yardmasterJobId");
    Map<String, Object> job = nativeJob(jobId, analytics);
    assertThat(String.valueOf(job.get("request"))).contains("cluster=alpha");
    assertThat(String.valueOf(job.get("request"))).doesNotContain("yardmaster.target");
    Answer unknown =
        send("POST", "/batches", analytics, batch("x", "\"yardmaster.target.cluster\":\"nope\""));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).containsEntry("code", "CLUSTER_NOT_FOUND");
    assertThat((String) unknown.body().get("msg")).contains("nope");
  }

  @Test
  void anIdempotencyKeyAnswersTheFirstBatchAndWithoutOneEachPostIsANewBatch() throws Exception {
    String body = batch("keyed", "\"spark.yardmaster.sim.duration\":\"20s\"");
    Answer first = send("POST", "/batches", analytics, body, "Idempotency-Key", "livy-facade-it-1");
    Answer again = send("POST", "/batches", analytics, body, "Idempotency-Key", "livy-facade-it-1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
    assertThat(submit(analytics, body)).isNotEqualTo(first.body().get("id"));
  }

  @Test
  void badInputAndBadCredentialsAreJsonWithMsg() throws Exception {
    Answer none = send("GET", "/batches", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).containsKey("msg").containsEntry("code", "TOKEN_MISSING");
    Answer wrong = send("GET", "/batches", "ym_" + "A".repeat(43), null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).containsEntry("code", "TOKEN_UNKNOWN").containsKey("msg");
    Answer bearer = send("GET", "/batches", null, null, "Authorization", "Bearer " + analytics);
    assertThat(bearer.status()).isEqualTo(200);
    Answer unknownField =
        send("POST", "/batches", analytics, "{\"file\":\"local:/x.jar\",\"bogus\":1}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat((String) unknownField.body().get("msg")).contains("bogus");
    Answer badCount =
        send("POST", "/batches", analytics, "{\"file\":\"local:/x.jar\",\"numExecutors\":\"two\"}");
    assertThat(badCount.status()).isEqualTo(400);
    assertThat((String) badCount.body().get("msg")).contains("numExecutors");
    Answer foreignUser =
        send("POST", "/batches", analytics, "{\"file\":\"local:/x.jar\",\"proxyUser\":\"root\"}");
    assertThat(foreignUser.status()).isEqualTo(400);
    assertThat((String) foreignUser.body().get("msg")).contains("proxyUser");
    Answer missing = send("GET", "/batches/999999", analytics, null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).containsKey("msg");
    Answer notANumber = send("GET", "/batches/abc/state", analytics, null);
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.body()).containsKey("msg");
  }

  private static Map<String, Object> nativeJob(String id, String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/jobs/" + id))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }
}
