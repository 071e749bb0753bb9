package io.yardmaster.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.ReplicaSetup;
import io.yardmaster.app.testing.TwoClusterFleet;
import io.yardmaster.peers.harness.HaProxyProcess;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14's rolling upgrade: two api replicas on one PostgreSQL behind Debian's HAProxy, under
 * steady submit-and-poll load whose clients retry on the same Idempotency-Key, are restarted one at
 * a time, first each with a graceful stop (SIGTERM: Micronaut drains in-flight requests), then each
 * with a {@code kill -9}. Asserted: no client operation failed after its retries, every key made
 * exactly one job and one YARN app, and every job ran to the end. The p99 of client operations in
 * each phase goes to {@code target/it-logs/RollingUpgradeIT-figures.txt}.
 */
class RollingUpgradeIT {
  private static final Logger LOG = LoggerFactory.getLogger(RollingUpgradeIT.class);
  private static final Path LOGS = Path.of("target", "it-logs");
  private static final int REPLICAS = 2;

  /** HAProxy's health checks: 2 passes 500 ms apart before a restarted replica takes traffic. */
  private static final Duration BACK_IN_ROTATION = Duration.ofSeconds(2);

  @TempDir Path dataDir;

  @Test
  void restartingEachReplicaLosesAndDuplicatesNothing() throws Exception {
    Map<String, Object> database = Databases.postgres();
    Files.createDirectories(LOGS);
    int fleetPort = YardmasterProcess.freePort();
    try (YardmasterProcess fleet =
        AppJar.start(
            "fleet",
            fleetPort,
            TwoClusterFleet.fleetProcess(fleetPort, 1, dataDir.resolve("fleet")),
            fresh("RollingUpgradeIT-fleet.log"))) {
      List<Integer> ports = new ArrayList<>();
      List<YardmasterProcess> replicas = new ArrayList<>();
      try {
        for (int i = 0; i < REPLICAS; i++) {
          fresh("RollingUpgradeIT-replica-" + i + ".log");
          ports.add(YardmasterProcess.freePort());
          replicas.add(startReplica(fleet.url(), database, ports.get(i), i));
        }
        try (HaProxyProcess proxy =
            HaProxyProcess.loadBalancer(ports, LOGS.resolve("RollingUpgradeIT-haproxy"))) {
          String token = ReplicaSetup.teamToken(proxy.url(), dataDir, "rolling", 1000);
          String holder = longJob(proxy.url(), token);
          SubmitAndPoll load = SubmitAndPoll.start(proxy.url(), token, 3);
          Thread.sleep(5_000); // load before the first restart, measured as "steady"
          load.phase("graceful");
          for (int i = 0; i < REPLICAS; i++) {
            // a long poll in flight on the replica being stopped is answered, not cut
            CompletableFuture<HttpResponse<String>> inFlight =
                longPoll(replicas.get(i).url(), holder, token);
            Thread.sleep(500); // the request reaches the replica and waits there
            replicas.get(i).close();
            assertThat(inFlight.get().statusCode())
                .as("a long poll in flight during replica %d's graceful stop", i)
                .isIn(200, 304);
            replicas.set(i, startReplica(fleet.url(), database, ports.get(i), i));
            Thread.sleep(BACK_IN_ROTATION.toMillis());
          }
          load.phase("kill -9");
          for (int i = 0; i < REPLICAS; i++) {
            assertThat(replicas.get(i).kill()).isEqualTo(137);
            replicas.set(i, startReplica(fleet.url(), database, ports.get(i), i));
            Thread.sleep(BACK_IN_ROTATION.toMillis());
          }
          load.phase("after");
          Thread.sleep(3_000);
          SubmitAndPoll.Outcome outcome = load.stop();

          String figures = outcome.figures();
          LOG.info("rolling upgrade under load:\n{}", figures);
          Files.writeString(LOGS.resolve("RollingUpgradeIT-figures.txt"), figures);
          assertThat(outcome.failures()).as("client operations failed after retries").isEmpty();
          assertThat(outcome.jobs())
              .as("jobs submitted during the restarts")
              .hasSizeGreaterThan(50);
          assertThat(outcome.latencies()).containsKeys("steady", "graceful", "kill -9", "after");

          HttpResponse<String> cancel =
              HttpClient.newHttpClient()
                  .send(
                      SubmitAndPoll.request(proxy.url(), "/api/v1/jobs/" + holder, token)
                          .DELETE()
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
          Map<String, String> stored = teamJobs(proxy.url(), token);
          stored.remove(holder);
          assertThat(stored)
              .as("the team's jobs: one per Idempotency-Key, none lost, none extra")
              .hasSize(outcome.jobs().size())
              .containsAllEntriesOf(invert(outcome.jobs()));
          awaitAllEnded(proxy.url(), token, outcome.jobs().size());
          Map<String, List<String>> apps = TwoClusterFleet.appsByJob(fleet.url());
          for (String job : outcome.jobs().values()) {
            assertThat(apps.get(job)).as("YARN apps of job %s", job).hasSize(1);
          }
        }
      } finally {
        replicas.forEach(YardmasterProcess::close);
      }
    }
  }

  private YardmasterProcess startReplica(
      URI fleet, Map<String, Object> database, int port, int index) throws IOException {
    return AppJar.start(
        "replica " + index,
        port,
        ReplicaSetup.properties(fleet, database, dataDir, index),
        LOGS.resolve("RollingUpgradeIT-replica-" + index + ".log"));
  }

  /** A job that runs far longer than the test, RUNNING; answers its id. */
  private static String longJob(URI api, String token) throws Exception {
    String body = SubmitAndPoll.simulatedJob("10h");
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                SubmitAndPoll.request(api, "/api/v1/jobs", token)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id =
        (String)
            SubmitAndPoll.JSON
                .readValue(created.body(), Argument.mapOf(String.class, Object.class))
                .get("id");
    await("the long job RUNNING")
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                "RUNNING"
                    .equals(SubmitAndPoll.getJson(api, "/api/v1/jobs/" + id, token).get("state")));
    return id;
  }

  /** {@code GET /api/v1/jobs/{id}?wait=4s} with the job's current ETag, straight to a replica. */
  private static CompletableFuture<HttpResponse<String>> longPoll(
      URI replica, String id, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String etag =
        http.send(
                SubmitAndPoll.request(replica, "/api/v1/jobs/" + id, token).build(),
                HttpResponse.BodyHandlers.discarding())
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    return http.sendAsync(
        SubmitAndPoll.request(replica, "/api/v1/jobs/" + id + "?wait=4s", token)
            .header("If-None-Match", etag)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Job id to Idempotency-Key, of every job the team has, read page by page. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> teamJobs(URI api, String token) throws Exception {
    Map<String, String> jobs = new HashMap<>();
    for (int page = 0; ; page++) {
      Map<String, Object> answer =
          SubmitAndPoll.getJson(api, "/api/v1/jobs?size=500&page=" + page, token);
      for (Map<String, Object> job : (List<Map<String, Object>>) answer.get("jobs")) {
        jobs.put((String) job.get("id"), (String) job.get("idempotencyKey"));
      }
      if (!Boolean.TRUE.equals(answer.get("hasMore"))) {
        return jobs;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void awaitAllEnded(URI api, String token, int count) {
    await("all " + count + " jobs SUCCEEDED")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              int succeeded = 0;
              for (int page = 0; ; page++) {
                Map<String, Object> answer =
                    SubmitAndPoll.getJson(
                        api, "/api/v1/jobs?state=SUCCEEDED&size=500&page=" + page, token);
                succeeded += ((List<Object>) answer.get("jobs")).size();
                if (!Boolean.TRUE.equals(answer.get("hasMore"))) {
                  LOG.info("{} of {} jobs SUCCEEDED", succeeded, count);
                  return succeeded == count;
                }
              }
            });
  }

  private static Map<String, String> invert(Map<String, String> keyToJob) {
    Map<String, String> jobToKey = new HashMap<>();
    keyToJob.forEach((key, job) -> jobToKey.put(job, key));
    return jobToKey;
  }

  private static Path fresh(String name) throws IOException {
    Path log = LOGS.resolve(name);
    Files.deleteIfExists(log);
    return log;
  }
}
