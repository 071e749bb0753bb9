package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.FakePeers;
import io.yardmaster.testing.FakePeers.SubmitMode;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs from submission to their end: tracking, long-polls, kills, Livy restarts, crash safety. */
class JobLifecycleIT {
  static JobsHarness harness;
  static String token;

  @BeforeAll
  static void start() {
    harness = JobsHarness.start(Map.of());
    token = harness.teamToken("risk");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void resetPeers() {
    harness.peers.reset();
  }

  private String submit() {
    return (String) harness.post("/api/v1/jobs", token, null, Jobs.sparkPi(2)).body().get("id");
  }

  private Object state(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token).get("state");
  }

  @Test
  void aJobIsTrackedToSucceededWithItsAppAndLinks() {
    String id = submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> "STARTING".equals(state(id)));
    harness.peers.advance(id, "running", "RUNNING", "UNDEFINED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(state(id)));
    harness.peers.advance(id, "success", "FINISHED", "SUCCEEDED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(state(id)));
    Map<String, Object> job = harness.getJson("/api/v1/jobs/" + id, token);
    assertThat((String) job.get("applicationId")).startsWith("application_");
    assertThat((String) job.get("sparkUiUrl")).contains((String) job.get("applicationId"));
    assertThat(job.get("livyBatchId")).isNotNull();
    assertThat(job.get("cluster")).isEqualTo("alpha");
    @SuppressWarnings("unchecked")
    Map<String, Object> times = (Map<String, Object>) job.get("timestamps");
    assertThat(times).containsKeys("created", "submitting", "starting", "running", "finished");
    Map<String, Object> log = harness.getJson("/api/v1/jobs/" + id + "/log", token);
    assertThat(log.get("lines").toString()).contains("ym-job-" + id);
  }

  @Test
  void aBatchLivyIsRecoveringAfterARestartKeepsItsStateAndIsFollowedToTheEnd() {
    String id = submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> "STARTING".equals(state(id)));
    harness.peers.advance(id, "running", "RUNNING", "UNDEFINED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(state(id)));
    // Livy restarted with recovery on: it reports the batch as recovering while it reconnects.
    harness.peers.advance(id, "recovering", "RUNNING", "UNDEFINED");
    int listed = harness.peers.listCalls();
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.peers.listCalls() >= listed + 5);
    Map<String, Object> job = harness.getJson("/api/v1/jobs/" + id, token);
    assertThat(job.get("state")).isEqualTo("RUNNING");
    assertThat(job.get("diagnostics")).isNull();
    harness.peers.advance(id, "success", "FINISHED", "SUCCEEDED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(state(id)));
    assertThat(harness.peers.createdFor(id)).hasSize(1);
  }

  @Test
  void anUnchangedJobIs304AndAWaitingPollReturnsWhenItChanges() {
    String id = submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> "STARTING".equals(state(id)));
    HttpResponse<Map<String, Object>> first =
        harness
            .client()
            .exchange(
                HttpRequest.GET("/api/v1/jobs/" + id).bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    String etag = first.getHeaders().get("ETag");
    HttpResponse<?> unchanged =
        harness
            .client()
            .exchange(
                HttpRequest.GET("/api/v1/jobs/" + id)
                    .bearerAuth(token)
                    .header("If-None-Match", etag));
    assertThat((Object) unchanged.getStatus()).isEqualTo(HttpStatus.NOT_MODIFIED);

    Thread mover =
        new Thread(
            () -> {
              await().pollDelay(Duration.ofMillis(500)).until(() -> true);
              harness.peers.advance(id, "running", "RUNNING", "UNDEFINED");
            });
    mover.start();
    long started = System.nanoTime();
    HttpResponse<Map<String, Object>> changed =
        harness
            .client()
            .exchange(
                HttpRequest.GET("/api/v1/jobs/" + id + "?wait=20s")
                    .bearerAuth(token)
                    .header("If-None-Match", etag),
                Argument.mapOf(String.class, Object.class));
    assertThat((Object) changed.getStatus()).isEqualTo(HttpStatus.OK);
    assertThat(changed.body().get("state")).isEqualTo("RUNNING");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void killingAQueuedJobCancelsItAndKillingARunningOneReachesTheApp() {
    harness.peers.mode(SubmitMode.BUSY);
    String queued = submit();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                String.valueOf(harness.getJson("/api/v1/jobs/" + queued, token).get("queueReason"))
                    .contains("too many sessions"));
    HttpResponse<Map<String, Object>> cancelled =
        harness
            .client()
            .exchange(
                HttpRequest.DELETE("/api/v1/jobs/" + queued).bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    // The submitter retries the busy Livy all the time: the kill may land while the job is QUEUED
    // (cancelled at once) or mid-submission (recorded, and the refused submission then ends it).
    assertThat(cancelled.body().get("state")).isIn("KILLED", "SUBMITTING");
    assertThat(cancelled.body().get("killRequested")).isEqualTo(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> "KILLED".equals(state(queued)));
    harness.peers.mode(SubmitMode.NORMAL);

    String running = submit();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.peers.createdFor(running).size() == 1);
    harness.peers.advance(running, "running", "RUNNING", "UNDEFINED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(state(running)));
    harness.client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + running).bearerAuth(token));
    await().atMost(Duration.ofSeconds(10)).until(() -> "KILLED".equals(state(running)));
    assertThat(harness.peers.createdFor(running).get(0).state).isEqualTo("killed");
    assertThat(harness.peers.createdFor(queued)).isEmpty();
  }

  @Test
  void afterALivyRestartAJobIsFollowedInYarnAndNeverConfusedWithAReusedId() {
    String ours = submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> "STARTING".equals(state(ours)));
    harness.peers.advance(ours, "running", "RUNNING", "UNDEFINED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "RUNNING".equals(state(ours)));
    harness.peers.restartLivy();
    // Someone else's batch now has our old id 0, and succeeds at once.
    String stranger = submit();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.peers.createdFor(stranger).size() == 1);
    assertThat(harness.peers.createdFor(stranger).get(0).id)
        .isEqualTo(harness.peers.createdFor(ours).get(0).id);
    harness.peers.advance(stranger, "success", "FINISHED", "SUCCEEDED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(state(stranger)));
    assertThat(state(ours)).isEqualTo("RUNNING");
    // YARN still runs our app; when it fails there, the job fails with YARN's diagnostics.
    FakePeers.App app = harness.peers.appsTaggedForTest("ym-job-" + ours);
    app.diagnostics = "Executor lost: exit code 137";
    app.finalStatus = "FAILED";
    app.state = "FINISHED";
    await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(state(ours)));
    assertThat(harness.getJson("/api/v1/jobs/" + ours, token).get("diagnostics"))
        .isEqualTo("Executor lost: exit code 137");
  }

  @Test
  void aSubmissionWhoseOutcomeWasUnknownIsFoundNotRepeated() {
    harness.peers.mode(SubmitMode.CREATE_THEN_FAIL);
    String id = submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.peers.createdFor(id).size() == 1);
    harness.peers.mode(SubmitMode.NORMAL);
    await().atMost(Duration.ofSeconds(15)).until(() -> "STARTING".equals(state(id)));
    await().during(Duration.ofSeconds(2)).until(() -> harness.peers.createdFor(id).size() == 1);
    assertThat(harness.getJson("/api/v1/jobs/" + id, token).get("attempts")).isEqualTo(1);
  }

  @Test
  void aSubmissionThatNeverArrivedIsSentAgainOnce() {
    harness.peers.mode(SubmitMode.FAIL_WITHOUT_CREATE);
    String id = submit();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.getJson("/api/v1/jobs/" + id, token).get("diagnostics") != null);
    harness.peers.mode(SubmitMode.NORMAL);
    await().atMost(Duration.ofSeconds(15)).until(() -> "STARTING".equals(state(id)));
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    assertThat(harness.getJson("/api/v1/jobs/" + id, token).get("attempts")).isEqualTo(2);
  }

  @Test
  void aJobOverItsTeamsQuotaWaitsWithTheReasonAndStartsWhenRoomAppears() {
    harness
        .context
        .getBean(TeamRepository.class)
        .save(new Team("tiny", "tiny-svc", 100, 1, 100, 1_000_000, Instant.now()));
    String tiny = harness.context.getBean(Tokens.class).issue(Role.TEAM, "tiny", "t").token();
    String first =
        (String) harness.post("/api/v1/jobs", tiny, null, Jobs.sparkPi(2)).body().get("id");
    String second =
        (String) harness.post("/api/v1/jobs", tiny, null, Jobs.sparkPi(2)).body().get("id");
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.peers.createdFor(first).size() == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                String.valueOf(harness.getJson("/api/v1/jobs/" + second, tiny).get("queueReason"))
                    .contains("quota max-running-jobs 1"));
    assertThat(harness.peers.createdFor(second)).isEmpty();
    harness.peers.advance(first, "success", "FINISHED", "SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.peers.createdFor(second).size() == 1);
  }

  @Test
  void teamQuotasOnCoresAndMemoryHoldJobsInQueuedAndAJobBeyondThemIsA400() {
    TeamRepository teams = harness.context.getBean(TeamRepository.class);
    // SparkPi with 2 executors of 2 cores and 4g: 5 cores; 1g+384m + 2 x (4g+409m) = 10,418 MB.
    teams.save(new Team("cores", "cores-svc", 100, 50, 12, 1_000_000, Instant.now()));
    teams.save(new Team("memory", "memory-svc", 100, 50, 1_000, 15_000, Instant.now()));
    Tokens tokens = harness.context.getBean(Tokens.class);
    String cores = tokens.issue(Role.TEAM, "cores", "t").token();
    String memory = tokens.issue(Role.TEAM, "memory", "t").token();

    String[] coreJobs = new String[3];
    for (int i = 0; i < 3; i++) {
      coreJobs[i] =
          (String) harness.post("/api/v1/jobs", cores, null, Jobs.sparkPi(2)).body().get("id");
    }
    String firstOfMemory =
        (String) harness.post("/api/v1/jobs", memory, null, Jobs.sparkPi(2)).body().get("id");
    String secondOfMemory =
        (String) harness.post("/api/v1/jobs", memory, null, Jobs.sparkPi(2)).body().get("id");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                String.valueOf(
                            harness
                                .getJson("/api/v1/jobs/" + coreJobs[2], cores)
                                .get("queueReason"))
                        .contains("has 10 cores active and this job needs 5 (quota max-cores 12)")
                    && String.valueOf(
                            harness
                                .getJson("/api/v1/jobs/" + secondOfMemory, memory)
                                .get("queueReason"))
                        .contains("quota max-memory-mb 15000"));
    assertThat(harness.peers.createdFor(coreJobs[0])).hasSize(1);
    assertThat(harness.peers.createdFor(coreJobs[1])).hasSize(1);
    assertThat(harness.peers.createdFor(coreJobs[2])).isEmpty();
    assertThat(harness.peers.createdFor(firstOfMemory)).hasSize(1);
    assertThat(harness.peers.createdFor(secondOfMemory)).isEmpty();

    harness.peers.advance(coreJobs[0], "success", "FINISHED", "SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.peers.createdFor(coreJobs[2]).size() == 1);

    ApiError tooLarge =
        ApiCalls.refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(6)).bearerAuth(cores),
            HttpStatus.BAD_REQUEST);
    assertThat(tooLarge.code()).isEqualTo(ApiErrorCode.TOO_LARGE_FOR_QUOTA);
    assertThat(tooLarge.details())
        .anyMatch(line -> line.contains("needs up to 13 cores") && line.contains("may use 12"));

    // Leave no queued job behind: once the next test resets the fakes, the memory team's quota
    // frees and this job would take a batch id another test counts on.
    harness
        .client()
        .exchange(HttpRequest.DELETE("/api/v1/jobs/" + secondOfMemory).bearerAuth(memory));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "KILLED"
                    .equals(
                        harness.getJson("/api/v1/jobs/" + secondOfMemory, memory).get("state")));
  }

  @Test
  void trackingReadsLivysListOncePerTickNotOncePerJob() {
    for (int i = 0; i < 12; i++) {
      submit();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> harness.peers.created().size() == 12);
    int before = harness.peers.listCalls();
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    int calls = harness.peers.listCalls() - before;
    // 2 s at one tick per 200 ms: about 10 list calls for 12 jobs, never one per job.
    assertThat(calls).isBetween(3, 15);
  }
}
