package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against the simulator's Livy and ResourceManager emulators, served by the same server
 * as on the embedded default: submit to SUCCEEDED, a Livy restart mid-run, a kill.
 */
class SimulatedFleetIT {
  static EmbeddedServer server;
  static HttpClient http;
  static String token;

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
    properties.put("yardmaster.simulator.enabled", "true");
    properties.put("yardmaster.simulator.speed-up", 20);
    // spark-submit takes 2 s of real time: long enough to kill a job before its app exists.
    properties.put("yardmaster.simulator.spark-submit-time", "40s");
    properties.put("yardmaster.jobs.kill-grace", "1s");
    properties.put("yardmaster.jobs.submit-interval", "100ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    http = HttpClient.create(server.getURL());
    token = TestTokens.team(server.getApplicationContext(), "analytics");
  }

  @AfterAll
  static void stop() {
    http.close();
    server.close();
  }

  private static BlockingHttpClient client() {
    return http.toBlocking();
  }

  private static Map<String, Object> job(String id) {
    return client()
        .retrieve(
            HttpRequest.GET("/api/v1/jobs/" + id).bearerAuth(token),
            Argument.mapOf(String.class, Object.class));
  }

  private static String submit(String key) {
    HttpRequest<?> request =
        HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(2))
            .bearerAuth(token)
            .header("Idempotency-Key", key);
    return (String)
        client().retrieve(request, Argument.mapOf(String.class, Object.class)).get("id");
  }

  private static void awaitState(String id, String state, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .untilAsserted(
            () -> {
              Map<String, Object> job = job(id);
              assertThat(job.get("state")).as("%s", job).isEqualTo(state);
            });
  }

  @Test
  void aJobRunsToSucceededAndItsYarnAppCarriesTheJobTags() {
    String id = submit("sim-first");
    await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(job(id).get("state")));
    Map<String, Object> done = job(id);
    assertThat((String) done.get("applicationId")).startsWith("application_");
    assertThat(done.get("finalStatus")).isEqualTo("livy:success");
    String apps =
        client().retrieve("/sim/alpha/rm/ws/v1/cluster/apps?applicationTags=ym-job-" + id);
    assertThat(apps)
        .contains((String) done.get("applicationId"))
        .contains("ym-team-analytics")
        .contains("ym-dag-daily_risk");
    assertThat(submit("sim-first")).isEqualTo(id);
  }

  @Test
  void aLivyRestartMidRunIsFollowedThroughYarnToTheEnd() {
    String id = submit("sim-restart");
    awaitState(id, "RUNNING", 60);
    client().exchange(HttpRequest.POST("/sim/alpha/livy-admin/restart", ""));
    String after = submit("sim-after-restart");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                job(id).get("state").toString().equals("SUCCEEDED")
                    && job(after).get("state").toString().equals("SUCCEEDED"));
    assertThat(job(id).get("finalStatus")).isEqualTo("yarn:SUCCEEDED");
    assertThat(job(id).get("applicationId")).isNotEqualTo(job(after).get("applicationId"));
  }

  @Test
  void aKillReachesTheApp() {
    String id = submit("sim-kill");
    awaitState(id, "RUNNING", 60);
    client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + id).bearerAuth(token));
    awaitState(id, "KILLED", 30);
    String app = (String) job(id).get("applicationId");
    assertThat(client().retrieve("/sim/alpha/rm/ws/v1/cluster/apps/" + app + "/state"))
        .contains("KILLED");
  }

  @Test
  void aKillBeforeTheAppExistsEndsKilledAndNoAppEverRuns() {
    String id = submit("sim-kill-early");
    awaitState(id, "STARTING", 30);
    client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + id).bearerAuth(token));
    awaitState(id, "KILLED", 30);

    Map<String, Object> killed = job(id);
    assertThat(killed.get("applicationId")).isNull();
    assertThat(killed.get("finalStatus")).isEqualTo("KILLED");
    assertThat((String) killed.get("diagnostics")).contains("killed before its app started");
    // The spark-submit was cancelled: YARN never gets an app for the job, even later.
    client().exchange(HttpRequest.POST("/sim/clock/skip?seconds=120", ""));
    assertThat(client().retrieve("/sim/alpha/rm/ws/v1/cluster/apps?applicationTags=ym-job-" + id))
        .doesNotContain("application_");
  }
}
