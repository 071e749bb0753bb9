package io.yardmaster.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.ReplicaSetup;
import io.yardmaster.app.testing.TcpProxy;
import io.yardmaster.app.testing.TwoClusterFleet;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under a running replica (PostgreSQL behind a TCP proxy that is cut: open
 * connections broken, new ones closed at once). Every request then answers 503 UNAVAILABLE with
 * Retry-After and a JSON body, within the pool's wait, never a 500 or a hang, and readiness goes
 * DOWN so a load balancer stops sending. When the database is back, the same submission (same
 * Idempotency-Key) makes its job once, and nothing half-written was left.
 */
class DatabaseOutageIT {
  private static final Path LOGS = Path.of("target", "it-logs");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dataDir;

  @Test
  void anOutageAnswers503WithRetryAfterAndTheSameKeyMakesOneJobAfterIt() throws Exception {
    Map<String, Object> database = new HashMap<>(Databases.postgres());
    String url = (String) database.get("datasources.default.url");
    URI direct = URI.create(url.substring("jdbc:".length()));
    Files.createDirectories(LOGS);
    int fleetPort = YardmasterProcess.freePort();
    try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort());
        YardmasterProcess fleet =
            AppJar.start(
                "fleet",
                fleetPort,
                TwoClusterFleet.fleetProcess(fleetPort, 1, dataDir.resolve("fleet")),
                fresh("DatabaseOutageIT-fleet.log"))) {
      database.put(
          "datasources.default.url",
          url.replace(direct.getHost() + ":" + direct.getPort(), "127.0.0.1:" + proxy.port()));
      int port = YardmasterProcess.freePort();
      try (YardmasterProcess replica =
          AppJar.start(
              "replica",
              port,
              ReplicaSetup.properties(fleet.url(), database, dataDir, 0),
              fresh("DatabaseOutageIT-replica.log"))) {
        URI api = replica.url();
        String token = ReplicaSetup.teamToken(api, dataDir, "outage", 10);
        HttpResponse<String> before = submit(api, token, "before-outage");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);

        proxy.cut();
        for (HttpResponse<String> answer :
            List.of(
                submit(api, token, "during-outage"),
                get(api, token, "/api/v1/jobs/" + id(before)),
                get(api, token, "/api/v1/jobs"))) {
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
          assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
          assertThat(answer.headers().firstValue("Content-Type"))
              .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
          assertThat(answer.body())
              .contains("\"code\":\"UNAVAILABLE\"")
              .contains("database is out of reach")
              .doesNotContain("Exception");
        }
        await("readiness DOWN while the database is away")
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(api, null, "/health/readiness").statusCode() == 503);

        proxy.restore();
        await("the same submission accepted once the database is back")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> submit(api, token, "during-outage").statusCode() / 100 == 2);
        HttpResponse<String> again = submit(api, token, "during-outage");
        assertThat(again.statusCode())
            .as("the key's job exists: 200, not a second 201")
            .isEqualTo(200);
        Map<String, Object> page = json(get(api, token, "/api/v1/jobs?size=100"));
        assertThat((List<?>) page.get("jobs"))
            .as("the team's jobs: one before the outage, one for the retried key")
            .hasSize(2);
        await("readiness UP again")
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(api, null, "/health/readiness").statusCode() == 200);
      }
      assertThat(Files.readString(LOGS.resolve("DatabaseOutageIT-replica.log")))
          .contains("the database is out of reach, answered 503");
    }
  }

  private static HttpResponse<String> submit(URI api, String token, String key) throws Exception {
    String body = SubmitAndPoll.simulatedJob("1s");
    return HTTP.send(
        HttpRequest.newBuilder(api.resolve("/api/v1/jobs"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI api, String token, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String id(HttpResponse<String> job) throws Exception {
    return (String) json(job).get("id");
  }

  private static Map<String, Object> json(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode() / 100).as(answer.body()).isEqualTo(2);
    return SubmitAndPoll.JSON.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
  }

  private static Path fresh(String name) throws Exception {
    Path log = LOGS.resolve(name);
    Files.deleteIfExists(log);
    return log;
  }
}
