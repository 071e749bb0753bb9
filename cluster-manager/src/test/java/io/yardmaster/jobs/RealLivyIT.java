package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.testing.RealFleet;
import java.time.Duration;
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
 * own ({@link RealFleet}). The first three jobs are submitted at once and run side by side; the
 * Livy crash comes last, as it makes Livy forget every batch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLivyIT {
  private static final Duration TO_THE_END = Duration.ofSeconds(150);

  static RealFleet fleet;
  static String succeeding;
  static String failing;
  static String longRunning;

  @BeforeAll
  static void start() {
    // Three apps side by side: two NodeManagers (RealFleet.start says why).
    fleet = RealFleet.start("real-livy-it", 2);
    succeeding = fleet.submit("real-pi", PeerPaths.PI_JOB, List.of("2"));
    failing = fleet.submit("real-failing", PeerPaths.FAILING_JOB, List.of());
    longRunning = fleet.submit("real-long", PeerPaths.PI_JOB, List.of("1", "600"));
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void aJobSucceedsAsAYarnAppTaggedWithTheJobAndItsLabels() {
    Map<String, Object> job = fleet.awaitState(succeeding, "SUCCEEDED", TO_THE_END);
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

    Map<String, Object> app = fleet.yarnApp(appId);
    assertThat(app.get("state")).isEqualTo("FINISHED");
    assertThat(app.get("finalStatus")).isEqualTo("SUCCEEDED");
    assertThat(app.get("user")).isEqualTo(RealFleet.osUser());
    List<String> tags = List.of(((String) app.get("applicationTags")).split(","));
    assertThat(tags)
        .containsAll(strings(job.get("yarnTags")))
        .contains(
            "ym-job-" + succeeding,
            "ym-team-" + RealFleet.TEAM,
            "ym-dag-daily_risk",
            "ym-task-compute.var",
            "ym-run-scheduled__2026-11-21t00:00:00+00:00")
        .anySatisfy(
            tag -> assertThat(tag).startsWith("livy-batch-" + job.get("livyBatchId") + "-"));
  }

  @Test
  @Order(2)
  void livyRefusesASecondBatchUnderAJobsNameAsADuplicate() {
    String name = (String) fleet.job(succeeding).get("livyBatchName");
    ComputeBackend backend = fleet.context().getBean(ComputeBackend.class);
    ClusterConfig cluster =
        fleet.context().getBean(ClusterRegistry.class).cluster(RealFleet.CLUSTER).orElseThrow();
    int batchesBefore = backend.batches(cluster, 0, 100).total();
    BatchSubmission again = fleet.piBatch(name);

    BackendException refused =
        catchThrowableOfType(BackendException.class, () -> backend.submit(cluster, again));

    assertThat(refused).as("a second batch named %s", name).isNotNull();
    assertThat(refused.kind())
        .as("%s", refused.getMessage())
        .isEqualTo(BackendException.Kind.DUPLICATE);
    assertThat(backend.batches(cluster, 0, 100).total()).isEqualTo(batchesBefore);
  }

  @Test
  @Order(2)
  void oneBatchIsReadByItsIdWithItsNameAndAnIdLivyDoesNotKnowIsEmpty() {
    String name = (String) fleet.job(succeeding).get("livyBatchName");
    ComputeBackend backend = fleet.context().getBean(ComputeBackend.class);
    ClusterConfig cluster =
        fleet.context().getBean(ClusterRegistry.class).cluster(RealFleet.CLUSTER).orElseThrow();
    BatchStatus listed =
        backend.batches(cluster, 0, 100).batches().stream()
            .filter(batch -> name.equals(batch.name()))
            .findFirst()
            .orElseThrow();

    assertThat(backend.batch(cluster, listed.id()))
        .hasValueSatisfying(
            batch -> {
              assertThat(batch.name()).isEqualTo(name);
              assertThat(batch.appId()).isEqualTo(listed.appId());
            });
    assertThat(backend.batch(cluster, 987_654)).isEmpty();
  }

  @Test
  @Order(3)
  void aBatchLivyRefusesEndsFailedWithLivysReason() {
    String id =
        fleet.submit("real-refused", "/etc/yardmaster/elsewhere.jar", PeerPaths.PI_JOB, List.of());

    Map<String, Object> job = fleet.awaitState(id, "FAILED", Duration.ofSeconds(30));

    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("REJECTED");
    assertThat(job.get("livyBatchId")).isNull();
    // Livy checks a local file against livy.file.local-dir-whitelist before it starts anything.
    assertThat((String) job.get("diagnostics"))
        .isEqualTo(
            "Livy on real refused the batch: Livy answered 400: requirement failed: Local path"
                + " /etc/yardmaster/elsewhere.jar cannot be added to user sessions.");
  }

  @Test
  @Order(4)
  void aKillEndsTheRunningJobAndItsYarnApp() {
    Map<String, Object> running = fleet.awaitState(longRunning, "RUNNING", TO_THE_END);
    String appId = (String) running.get("applicationId");
    assertThat(appId).as("%s", running).matches("application_\\d+_\\d+");
    assertThat(fleet.yarnApp(appId).get("state")).isEqualTo("RUNNING");

    HttpResponse<Map<String, Object>> killed =
        fleet
            .client()
            .exchange(
                HttpRequest.DELETE("/api/v1/jobs/" + longRunning).bearerAuth(fleet.token()),
                Argument.mapOf(String.class, Object.class));
    assertThat(killed.code()).isIn(HttpStatus.ACCEPTED.getCode(), HttpStatus.OK.getCode());

    Map<String, Object> job = fleet.awaitState(longRunning, "KILLED", Duration.ofSeconds(60));
    assertThat(job.get("killRequested")).isEqualTo(true);
    assertThat(job.get("applicationId")).isEqualTo(appId);
    // Livy forgets a deleted batch at once, so the end is read from YARN.
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("yarn:KILLED");
    Map<String, Object> app = fleet.yarnApp(appId);
    assertThat(app.get("state")).isEqualTo("KILLED");
    assertThat(app.get("finalStatus")).isEqualTo("KILLED");
  }

  @Test
  @Order(5)
  void aFailingJobEndsFailedWithYarnsDiagnosticsAndLivysLog() {
    Map<String, Object> job = fleet.awaitState(failing, "FAILED", TO_THE_END);
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("livy:dead");
    assertThat((String) job.get("diagnostics")).contains(PeerPaths.FAILING_JOB_MESSAGE);
    Map<String, Object> app = fleet.yarnApp((String) job.get("applicationId"));
    assertThat(app.get("finalStatus")).isEqualTo("FAILED");

    Map<String, Object> log = fleet.getJson("/api/v1/jobs/" + failing + "/log?from=0&size=1000");
    assertThat(log.get("note")).as("%s", log).isNull();
    assertThat(log.get("state")).isEqualTo("FAILED");
    assertThat((String) log.get("diagnostics")).contains(PeerPaths.FAILING_JOB_MESSAGE);
    // Livy on YARN: the spark-submit output in sections, then what YARN said about the app.
    assertThat(strings(log.get("lines")))
        .containsSubsequence("stdout: ", "\nstderr: ", "\nYARN Diagnostics: ")
        .anySatisfy(line -> assertThat(line).contains(PeerPaths.FAILING_JOB_MESSAGE));
  }

  @Test
  @Order(6)
  void aJobOutlivesALivyCrashAndIsFollowedThroughYarnToTheEnd() {
    String id = fleet.submit("real-restart", PeerPaths.PI_JOB, List.of("1", "20"));
    Map<String, Object> running = fleet.awaitState(id, "RUNNING", TO_THE_END);
    String appId = (String) running.get("applicationId");

    // A crash, not a stop: a Livy without recovery kills its batches' apps when it shuts down.
    fleet.livy.crashAndRestart();

    Map<String, Object> job = fleet.awaitState(id, "SUCCEEDED", TO_THE_END);
    // The new Livy does not know the batch; YARN still has the app, tagged with the job.
    assertThat(job.get("finalStatus")).as("%s", job).isEqualTo("yarn:SUCCEEDED");
    assertThat(job.get("applicationId")).isEqualTo(appId);
    assertThat(fleet.yarnApp(appId).get("finalStatus")).isEqualTo("SUCCEEDED");
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return (List<String>) list;
  }
}
