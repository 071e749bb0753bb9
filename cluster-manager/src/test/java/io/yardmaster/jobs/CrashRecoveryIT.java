package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.auth.Role;
import io.yardmaster.auth.Team;
import io.yardmaster.auth.TeamRepository;
import io.yardmaster.auth.Tokens;
import io.yardmaster.testing.FakePeers;
import io.yardmaster.testing.Jobs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the application in the middle of a storm of submissions (Livy and YARN live in another
 * server and keep what they got), starts it again on the same database, lets the clients retry with
 * their idempotency keys, and counts: one app per job, none lost, none twice.
 */
class CrashRecoveryIT {
  static final int JOBS = 500;

  @TempDir Path dataDir;

  @Test
  void aStormInterruptedByAStopEndsWithExactlyOneAppPerJob() throws Exception {
    int peersPort = freePort();
    Map<String, Object> peersProperties = new HashMap<>();
    peersProperties.put("micronaut.server.port", peersPort);
    peersProperties.put(FakePeers.ENABLED, "true");
    peersProperties.put("yardmaster.roles.api", "false");
    try (EmbeddedServer peersServer =
        ApplicationContext.run(EmbeddedServer.class, peersProperties, "test")) {
      FakePeers peers = peersServer.getApplicationContext().getBean(FakePeers.class);
      peers.autoRun(true);
      int appPort = freePort();
      Map<String, Object> app = appProperties(appPort, peersPort);

      String token;
      Set<Integer> accepted = ConcurrentHashMap.newKeySet();
      EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, app, "test");
      first
          .getApplicationContext()
          .getBean(TeamRepository.class)
          .save(new Team("storm", "storm-svc", 100, 10_000, 100_000, 100_000_000, Instant.now()));
      token =
          first
              .getApplicationContext()
              .getBean(Tokens.class)
              .issue(Role.TEAM, "storm", "t")
              .token();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      HttpClient firstClient = HttpClient.create(first.getURL());
      for (int i = 0; i < JOBS; i++) {
        int key = i;
        clients.submit(() -> submit(firstClient, token, key, accepted));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> peers.created().size() >= JOBS / 3);
      first.getApplicationContext().close();
      clients.shutdown();
      clients.awaitTermination(30, TimeUnit.SECONDS);
      firstClient.close();
      int createdWhileDown = peers.created().size();
      assertThat(createdWhileDown).isLessThan(JOBS);

      try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, app, "test");
          HttpClient client = HttpClient.create(second.getURL())) {
        // Airflow retries every task it did not get an answer for, with the same key.
        for (int i = 0; i < JOBS; i++) {
          submit(client, token, i, accepted);
        }
        assertThat(accepted).hasSize(JOBS);
        JdbcJobStore store = second.getApplicationContext().getBean(JdbcJobStore.class);
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    store.inStates(List.of(JobState.QUEUED, JobState.SUBMITTING), 10).isEmpty()
                        && peers.created().size() >= JOBS);
        List<Job> jobs =
            store.list(new JobFilter(null, null, "storm", null, null, null, null), 0, 10 * JOBS);
        assertThat(jobs).hasSize(JOBS);
        Map<String, Long> batchesPerJob =
            peers.created().stream()
                .collect(
                    Collectors.groupingBy(
                        batch -> batch.name.substring(batch.name.lastIndexOf("ym-job-") + 7),
                        Collectors.counting()));
        assertThat(batchesPerJob).hasSize(JOBS);
        assertThat(batchesPerJob.values()).allMatch(count -> count == 1);
        assertThat(batchesPerJob.keySet())
            .isEqualTo(jobs.stream().map(Job::id).collect(Collectors.toSet()));
      }
    }
  }

  private static void submit(HttpClient client, String token, int key, Set<Integer> accepted) {
    try {
      client
          .toBlocking()
          .exchange(
              HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(2))
                  .bearerAuth(token)
                  .header("Idempotency-Key", "storm-" + key));
      accepted.add(key);
    } catch (RuntimeException e) {
      // the application went down under this request: the client will retry with the same key
    }
  }

  private Map<String, Object> appProperties(int appPort, int peersPort) {
    String peers = "http://127.0.0.1:" + peersPort + "/fake/alpha";
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", appPort);
    properties.put(
        "datasources.default.url",
        "jdbc:h2:file:"
            + dataDir.resolve("db")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    properties.put("yardmaster.data-dir", dataDir.toString());
    properties.put("yardmaster.clusters.alpha.livy-url", peers + "/livy");
    properties.put("yardmaster.clusters.alpha.resource-manager-url", peers + "/rm");
    properties.put("yardmaster.clusters.alpha.max-starting-batches", 100);
    properties.put("yardmaster.jobs.submit-interval", "50ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    properties.put("yardmaster.jobs.submit-lease", "2s");
    return properties;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
