package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.auth.Team;
import io.yardmaster.auth.TeamRepository;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.peers.harness.LivyServerProcess;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.testing.Databases;
import io.yardmaster.testing.TestTokens;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Yardmaster's job API end to end against real peers: a Livy 0.7.1 server submitting Spark 3.5.5
 * jobs in YARN cluster mode to a real ResourceManager (a MiniYARNCluster), each in a process of its
 * own (peers/harness). The first three jobs are submitted at once and run side by side; the Livy
 * crash comes last, as it makes Livy forget every batch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLivyIT {
  private static final String CLUSTER = "real";
  private static final String TEAM = "risk";
  private static final Duration TO_THE_END = Duration.ofSeconds(150);

  static YarnClusterProcess yarn;
  static LivyServerProcess livy;
  static EmbeddedServer server;
  static HttpClient http;
  static HttpClient resourceManager;
  static PeerPaths paths;
  static String token;
  static String succeeding;
  static String failing;
  static String longRunning;

  @BeforeAll
  static void start() throws MalformedURLException {
    paths = PeerPaths.fromSystemProperties();
    // A mini NodeManager offers 4 GB: 4 Spark containers of 896 MB (512m + 384m overhead). Three
    // apps side by side need 6; on one NodeManager their drivers can wait for executors forever.
    yarn = YarnClusterProcess.start(paths, "real-livy-it-yarn", 2);
    livy = LivyServerProcess.startOnYarn(paths, "real-livy-it-livy", yarn.hadoopConfDir());
    Map<String, Object> properties = new HashMap<>(Databases.h2());
    properties.put("yardmaster.clusters." + CLUSTER + ".livy-url", livy.baseUri().toString());
    properties.put(
        "yardmaster.clusters." + CLUSTER + ".resource-manager-url", yarn.webUri().toString());
    properties.put("yardmaster.jobs.submit-interval", "200ms");
    properties.put("yardmaster.jobs.track-interval", "500ms");
    properties.put("yardmaster.auth.bootstrap-admin-token", "false");
    server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    http = HttpClient.create(server.getURL());
    resourceManager = HttpClient.create(yarn.webUri().toURL());
    // The contract Livy runs without impersonation (Livy's default), so the app runs as the user
    // of the Livy process; the team's proxy user is that user, so it would hold with it on too.
    server
        .getApplicationContext()
        .getBean(TeamRepository.class)
        .save(new Team(TEAM, osUser(), 100, 10, 16, 16L * 1024, Instant.now()));
    token = TestTokens.team(server.getApplicationContext(), TEAM);
    succeeding = submit("real-pi", PeerPaths.PI_JOB, List.of("2"));
    failing = submit("real-failing", PeerPaths.FAILING_JOB, List.of());
    longRunning = submit("real-long", PeerPaths.PI_JOB, List.of("1", "600"));
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (resourceManager != null) {
      resourceManager.close();
    }
    if (server != null) {
      server.close();
    }
    if (livy != null) {
      livy.close();
    }
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  @Order(1)
  void aJobSucceedsAsAYarnAppTaggedWithTheJobAndItsLabels() {
    Map<String, Object> job = awaitState(succeeding, "SUCCEEDED", TO_THE_END);
    assertThat(job.get("livyBatchId")).as("%s", job).isInstanceOf(Integer.class);
    assertThat(job.get("livyBatchName")).isEqualTo("ym-job-" + succeeding);
    assertThat(job.get("finalStatus")).isEqualTo("livy:success");
    String appId = (String) job.get("applicationId");
    assertThat(appId).matches("application_\\d+_\\d+");
    // Livy's appInfo: the app's tracking URL (the RM proxy) and the AM container's log.
    assertThat((String) job.get("sparkUiUrl")).as("%s", job).contains("/proxy/" + appId);
    assertThat((String) job.get("driverLogUrl"))
        .as("%s", job)
        .contains(appId.replace("application_", "container_"));

    Map<String, Object> app = yarnApp(appId);
    assertThat(app.get("state")).isEqualTo("FINISHED");
    assertThat(app.get("finalStatus")).isEqualTo("SUCCEEDED");
    assertThat(app.get("user")).isEqualTo(osUser());
    List<String> tags = List.of(((String) app.get("applicationTags")).split(","));
    assertThat(tags)
        .containsAll(strings(job.get("yarnTags")))
        .contains(
            "ym-job-" + succeeding,
            "ym-team-" + TEAM,
            "ym-dag-daily_risk",
            "ym-task-compute.var",
            "ym-run-scheduled__2026-11-21t00:00:00+00:00")
        .anySatisfy(
            tag -> assertThat(tag).startsWith("livy-batch-" + job.get("livyBatchId") + "-"));
  }

  @Test
  @Order(2)
  void livyRefusesASecondBatchUnderAJobsNameAsADuplicate() {
    String name = (String) job(succeeding).get("livyBatchName");
    ComputeBackend backend = server.getApplicationContext().getBean(ComputeBackend.class);
    ClusterConfig cluster =
        server
            .getApplicationContext()
            .getBean(ClusterRegistry.class)
            .cluster(CLUSTER)
            .orElseThrow();
    int batchesBefore = backend.batches(cluster, 0, 100).total();
    BatchSubmission again =
        new BatchSubmission(
            name,
            paths.sparkJobsJar().toString(),
            PeerPaths.PI_JOB,
            List.of("1"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "512m",
            null,
            "512m",
            1,
            1,
            null,
            Map.of(),
            osUser());

    BackendException refused =
        catchThrowableOfType(BackendException.class, () -> backend.submit(cluster, again));

    assertThat(refused).as("a second batch named %s", name).isNotNull();
    assertThat(refused.kind())
        .as("%s", refused.getMessage())
        .isEqualTo(BackendException.Kind.DUPLICATE);
    assertThat(backend.batches(cluster, 0, 100).total()).isEqualTo(batchesBefore);
  }

  @Test
  @Order(3)
  void aKillEndsTheRunningJobAndItsYarnApp() {
    Map<String, Object> running = awaitState(longRunning, "RUNNING", TO_THE_END);
    String appId = (String) running.get("applicationId");
    assertThat(appId).as("%s", running).matches("application_\\d+_\\d+");
    assertThat(yarnApp(appId).get("state")).isEqualTo("RUNNING");

    HttpResponse<Map<String, Object>> killed =
        client()
            .exchange(
                HttpRequest.DELETE("/api/v1/jobs/" + longRunning).bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    assertThat(killed.code()).isIn(HttpStatus.ACCEPTED.getCode(), HttpStatus.OK.getCode());

    Map<String, Object> job = awaitState(longRunning, "KILLED", Duration.ofSeconds(60));
    assertThat(job.get("killRequested")).isEqualTo(true);
    assertThat(job.get("applicationId")).isEqualTo(appId);
    // Livy forgets a deleted batch at once, so the end is read from YARN.
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("yarn:KILLED");
    Map<String, Object> app = yarnApp(appId);
    assertThat(app.get("state")).isEqualTo("KILLED");
    assertThat(app.get("finalStatus")).isEqualTo("KILLED");
  }

  @Test
  @Order(4)
  void aFailingJobEndsFailedWithYarnsDiagnosticsAndLivysLog() {
    Map<String, Object> job = awaitState(failing, "FAILED", TO_THE_END);
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("livy:dead");
    assertThat((String) job.get("diagnostics")).contains(PeerPaths.FAILING_JOB_MESSAGE);
    Map<String, Object> app = yarnApp((String) job.get("applicationId"));
    assertThat(app.get("finalStatus")).isEqualTo("FAILED");

    Map<String, Object> log =
        client()
            .retrieve(
                HttpRequest.GET("/api/v1/jobs/" + failing + "/log?from=0&size=1000")
                    .bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    assertThat(log.get("note")).as("%s", log).isNull();
    assertThat(log.get("state")).isEqualTo("FAILED");
    assertThat((String) log.get("diagnostics")).contains(PeerPaths.FAILING_JOB_MESSAGE);
    // Livy on YARN: the spark-submit output in sections, then what YARN said about the app.
    assertThat(strings(log.get("lines")))
        .containsSubsequence("stdout: ", "\nstderr: ", "\nYARN Diagnostics: ")
        .anySatisfy(line -> assertThat(line).contains(PeerPaths.FAILING_JOB_MESSAGE));
  }

  @Test
  @Order(5)
  void aJobOutlivesALivyCrashAndIsFollowedThroughYarnToTheEnd() {
    String id = submit("real-restart", PeerPaths.PI_JOB, List.of("1", "20"));
    Map<String, Object> running = awaitState(id, "RUNNING", TO_THE_END);
    String appId = (String) running.get("applicationId");

    // A crash, not a stop: a Livy without recovery kills its batches' apps when it shuts down.
    livy.crashAndRestart();

    Map<String, Object> job = awaitState(id, "SUCCEEDED", TO_THE_END);
    // The new Livy does not know the batch; YARN still has the app, tagged with the job.
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("yarn:SUCCEEDED");
    assertThat(job.get("applicationId")).isEqualTo(appId);
    assertThat(yarnApp(appId).get("finalStatus")).isEqualTo("SUCCEEDED");
  }

  private static String submit(String key, String className, List<String> args) {
    Map<String, Object> batch = new HashMap<>();
    batch.put("file", paths.sparkJobsJar().toString());
    batch.put("className", className);
    batch.put("args", args);
    batch.put("driverMemory", "512m");
    batch.put("executorMemory", "512m");
    batch.put("executorCores", 1);
    batch.put("numExecutors", 1);
    batch.put("conf", Map.of("spark.task.maxFailures", "1"));
    Map<String, Object> labels = new HashMap<>();
    labels.put("dagId", "Daily_Risk");
    labels.put("taskId", "compute.VaR");
    labels.put("runId", "scheduled__2026-11-21T00:00:00+00:00");
    Map<String, Object> body =
        Map.of("batch", batch, "target", Map.of("cluster", CLUSTER), "labels", labels);
    HttpRequest<?> request =
        HttpRequest.POST("/api/v1/jobs", body).bearerAuth(token).header("Idempotency-Key", key);
    return (String)
        client().retrieve(request, Argument.mapOf(String.class, Object.class)).get("id");
  }

  private static Map<String, Object> awaitState(String id, String state, Duration atMost) {
    await("job " + id + " " + state + " (Livy log: " + livy.log() + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Object now = job(id).get("state");
              assertThat(now).as("job %s went past %s", id, state).isNotIn(otherEnds(state));
              return state.equals(now);
            });
    return job(id);
  }

  private static List<String> otherEnds(String state) {
    return List.of("SUCCEEDED", "FAILED", "KILLED", "LOST").stream()
        .filter(end -> !end.equals(state))
        .toList();
  }

  private static Map<String, Object> job(String id) {
    return client()
        .retrieve(
            HttpRequest.GET("/api/v1/jobs/" + id).bearerAuth(token),
            Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yarnApp(String appId) {
    Map<String, Object> body =
        resourceManager
            .toBlocking()
            .retrieve(
                HttpRequest.GET("/ws/v1/cluster/apps/" + appId),
                Argument.mapOf(String.class, Object.class));
    return (Map<String, Object>) body.get("app");
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return (List<String>) list;
  }

  private static BlockingHttpClient client() {
    return http.toBlocking();
  }

  private static String osUser() {
    return System.getProperty("user.name");
  }
}
