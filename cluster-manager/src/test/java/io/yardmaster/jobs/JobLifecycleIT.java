package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.yardmaster.testing.ApiCalls;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs from submission to their end against the simulator's Livy and ResourceManager: tracking,
 * long-polls, kills, Livy restarts, unknown outcomes, quotas. The test runs each submitter and
 * tracker pass itself, on a clock it moves with simulated time: nothing here waits on the wall.
 */
class JobLifecycleIT {
  /** Past spark-submit (5 s simulated) and the driver's start: the app runs. */
  static final Duration TO_RUNNING = Duration.ofSeconds(10);

  /** Past a simulated app's default 60 s run. */
  static final Duration TO_END = Duration.ofSeconds(70);

  static JobsHarness harness;
  static String token;

  @BeforeAll
  static void start() {
    // The unknown outcomes here are the test's doing: the breaker stays out of the way.
    harness = JobsHarness.driven(Map.of("yardmaster.jobs.breaker.threshold", 1000), List.of());
    token = harness.teamToken("risk");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /**
   * No fault armed, and every job of the tests before ended (killed if need be) and its app too, so
   * that a pass sends only this test's jobs and the quotas count only them.
   */
  @BeforeEach
  @SuppressWarnings("unchecked")
  void settle() {
    harness.peers.clearFaults();
    String admin = harness.adminToken();
    Map<String, Object> page = harness.getJson("/api/v1/jobs?size=500", admin);
    for (Map<String, Object> job : (List<Map<String, Object>>) page.get("jobs")) {
      if (List.of("QUEUED", "SUBMITTING", "STARTING", "RUNNING").contains(job.get("state"))) {
        harness
            .client()
            .exchange(HttpRequest.DELETE("/api/v1/jobs/" + job.get("id")).bearerAuth(admin));
      }
    }
    harness.advance(Duration.ofHours(1));
    harness.submitPass();
    harness.trackPass();
  }

  private String submit() {
    return submit(token, Jobs.sparkPi(2));
  }

  /** Submits a job; the clock moves a millisecond on, so jobs keep their order of arrival. */
  private static String submit(String as, Map<String, Object> body) {
    String id = (String) harness.post("/api/v1/jobs", as, null, body).body().get("id");
    harness.clock().advance(Duration.ofMillis(1));
    return id;
  }

  private Map<String, Object> job(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token);
  }

  /** Every job's team, state and reasons, for a failed assertion to show. */
  @SuppressWarnings("unchecked")
  private static String everyJob() {
    Map<String, Object> page = harness.getJson("/api/v1/jobs?size=500", harness.adminToken());
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> job : (List<Map<String, Object>>) page.get("jobs")) {
      text.append('\n')
          .append(job.get("id"))
          .append(' ')
          .append(job.get("team"))
          .append(' ')
          .append(job.get("state"))
          .append(' ')
          .append(job.get("queueReason"))
          .append(' ')
          .append(job.get("diagnostics"));
    }
    return text.toString();
  }

  private Object state(String id) {
    return job(id).get("state");
  }

  /** SparkPi that runs {@code duration} in simulated time, failing at its end if asked. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sparkPi(String duration, boolean fails) {
    Map<String, Object> body = Jobs.sparkPi(2);
    Map<String, Object> batch = new HashMap<>((Map<String, Object>) body.get("batch"));
    batch.put(
        "conf",
        Map.of(
            "spark.yardmaster.sim.duration",
            duration,
            "spark.yardmaster.sim.fail",
            String.valueOf(fails)));
    body.put("batch", batch);
    return body;
  }

  private static void runFor(Duration duration) {
    harness.advance(duration);
    harness.trackPass();
  }

  @Test
  void aJobIsTrackedToSucceededWithItsAppAndLinks() {
    String id = submit();
    assertThat(harness.submitPass()).isEqualTo(1);
    assertThat(state(id)).isEqualTo("STARTING");
    harness.trackPass();
    assertThat(state(id)).as("spark-submit still runs").isEqualTo("STARTING");
    runFor(TO_RUNNING);
    assertThat(state(id)).isEqualTo("RUNNING");
    runFor(TO_END);
    Map<String, Object> job = job(id);
    assertThat(job.get("state")).isEqualTo("SUCCEEDED");
    assertThat(job.get("finalStatus")).isEqualTo("livy:success");
    String appId = (String) job.get("applicationId");
    assertThat(appId).startsWith("application_");
    assertThat((String) job.get("sparkUiUrl")).contains(appId);
    assertThat(job.get("livyBatchId")).isNotNull();
    assertThat(job.get("cluster")).isEqualTo("alpha");
    @SuppressWarnings("unchecked")
    Map<String, Object> times = (Map<String, Object>) job.get("timestamps");
    assertThat(times).containsKeys("created", "submitting", "starting", "running", "finished");
    assertThat(Instant.parse((String) times.get("finished")))
        .isEqualTo(Instant.parse((String) times.get("running")).plus(TO_END));
    Map<String, Object> log = harness.getJson("/api/v1/jobs/" + id + "/log", token);
    assertThat(log.get("lines").toString()).contains("Submitted application " + appId);
    assertThat(harness.peers.createdFor(id)).hasSize(1);
  }

  @Test
  void anUnchangedJobIs304AndAWaitingPollReturnsWhenItChanges() throws Exception {
    String id = submit();
    harness.submitPass();
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
                HttpRequest.GET("/api/v1/jobs/" + id + "?wait=1s")
                    .bearerAuth(token)
                    .header("If-None-Match", etag));
    assertThat((Object) unchanged.getStatus()).isEqualTo(HttpStatus.NOT_MODIFIED);

    CompletableFuture<HttpResponse<Map<String, Object>>> poll =
        CompletableFuture.supplyAsync(
            () ->
                harness
                    .client()
                    .exchange(
                        HttpRequest.GET("/api/v1/jobs/" + id + "?wait=20s")
                            .bearerAuth(token)
                            .header("If-None-Match", etag),
                        Argument.mapOf(String.class, Object.class)));
    runFor(TO_RUNNING);
    HttpResponse<Map<String, Object>> changed = poll.get(15, TimeUnit.SECONDS);
    assertThat((Object) changed.getStatus()).isEqualTo(HttpStatus.OK);
    assertThat(changed.body().get("state")).isEqualTo("RUNNING");
  }

  @Test
  void killingAQueuedJobCancelsItAndKillingARunningOneReachesTheApp() {
    harness.peers.livyBusy("alpha");
    String queued = submit();
    harness.submitPass();
    assertThat(String.valueOf(job(queued).get("queueReason"))).contains("too many sessions");
    HttpResponse<Map<String, Object>> cancelled =
        harness
            .client()
            .exchange(
                HttpRequest.DELETE("/api/v1/jobs/" + queued).bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    assertThat(cancelled.body().get("state")).isEqualTo("KILLED");
    assertThat(cancelled.body().get("killRequested")).isEqualTo(true);
    harness.peers.clearFaults();

    String running = submit();
    harness.submitPass();
    runFor(TO_RUNNING);
    assertThat(state(running)).isEqualTo("RUNNING");
    harness.client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + running).bearerAuth(token));
    harness.trackPass();
    assertThat(state(running)).isEqualTo("KILLED");
    assertThat(harness.peers.yarnApps("alpha", running))
        .singleElement()
        .satisfies(app -> assertThat(app.get("state")).isEqualTo("KILLED"));
    assertThat(harness.peers.createdFor(queued)).isEmpty();
  }

  @Test
  void afterALivyRestartAJobIsFollowedInYarnAndNeverConfusedWithAReusedId() {
    harness.peers.restartLivy("alpha");
    String ours = submit(token, sparkPi("10m", true));
    harness.submitPass();
    runFor(TO_RUNNING);
    assertThat(state(ours)).isEqualTo("RUNNING");
    harness.peers.restartLivy("alpha");
    // Someone else's batch now has our old id 0, and succeeds.
    String stranger = submit();
    harness.submitPass();
    assertThat(harness.peers.createdFor(stranger).get(0).id())
        .isEqualTo(harness.peers.createdFor(ours).get(0).id())
        .isZero();
    runFor(TO_RUNNING);
    runFor(TO_END);
    assertThat(state(stranger)).isEqualTo("SUCCEEDED");
    assertThat(state(ours)).isEqualTo("RUNNING");
    // YARN still runs our app; when it fails there, the job fails with YARN's diagnostics.
    runFor(Duration.ofMinutes(10));
    Map<String, Object> failed = job(ours);
    assertThat(failed.get("state")).isEqualTo("FAILED");
    assertThat(failed.get("finalStatus")).isEqualTo("yarn:FAILED");
    assertThat((String) failed.get("diagnostics")).contains("simulated failure");
  }

  @Test
  void aSubmissionWhoseOutcomeWasUnknownIsFoundNotRepeated() {
    // Livy creates the batch, then the answer is lost (a 500 after the work).
    harness.peers.fault("alpha", "livy", "POST /batches", 500, 1, null, true);
    String id = submit();
    harness.submitPass();
    assertThat(state(id)).isEqualTo("SUBMITTING");
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    harness.advance(Duration.ofSeconds(2));
    harness.submitPass();
    assertThat(state(id)).isEqualTo("STARTING");
    harness.submitPass();
    runFor(TO_RUNNING);
    assertThat(state(id)).isEqualTo("RUNNING");
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    assertThat(job(id).get("attempts")).isEqualTo(1);
  }

  @Test
  void aSubmissionThatNeverArrivedIsSentAgainOnce() {
    // A 500 before Livy created anything.
    harness.peers.fault("alpha", "livy", "POST /batches", 500, 1, null, false);
    String id = submit();
    harness.submitPass();
    assertThat(job(id).get("diagnostics"))
        .as("%s", everyJob())
        .asString()
        .contains("outcome unknown");
    assertThat(harness.peers.createdFor(id)).isEmpty();
    harness.advance(Duration.ofSeconds(2));
    // Recovery finds it nowhere, so the same pass sends it again.
    harness.submitPass();
    assertThat(state(id)).isEqualTo("STARTING");
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    assertThat(job(id).get("attempts")).isEqualTo(2);
  }

  @Test
  void aJobOverItsTeamsQuotaWaitsWithTheReasonAndStartsWhenRoomAppears() {
    harness
        .context
        .getBean(TeamRepository.class)
        .save(new Team("tiny", "tiny-svc", 100, 1, 100, 1_000_000, Instant.now()));
    String tiny = harness.context.getBean(Tokens.class).issue(Role.TEAM, "tiny", "t").token();
    String first = submit(tiny, Jobs.sparkPi(2));
    String second = submit(tiny, Jobs.sparkPi(2));
    harness.submitPass();
    assertThat(harness.peers.createdFor(first)).as("%s", everyJob()).hasSize(1);
    assertThat(String.valueOf(harness.getJson("/api/v1/jobs/" + second, tiny).get("queueReason")))
        .contains("quota max-running-jobs 1");
    assertThat(harness.peers.createdFor(second)).isEmpty();
    // Room appears when the first job ends: here its owner kills it (before its app exists, so
    // it ends KILLED once the kill grace has passed without an app).
    harness.client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + first).bearerAuth(tiny));
    runFor(Duration.ofMinutes(1));
    assertThat(harness.getJson("/api/v1/jobs/" + first, tiny).get("state")).isEqualTo("KILLED");
    harness.submitPass();
    assertThat(harness.peers.createdFor(second)).hasSize(1);
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
      coreJobs[i] = submit(cores, Jobs.sparkPi(2));
    }
    String firstOfMemory = submit(memory, Jobs.sparkPi(2));
    String secondOfMemory = submit(memory, Jobs.sparkPi(2));
    harness.submitPass();
    assertThat(
            String.valueOf(
                harness.getJson("/api/v1/jobs/" + coreJobs[2], cores).get("queueReason")))
        .contains("has 10 cores active and this job needs 5 (quota max-cores 12)");
    assertThat(
            String.valueOf(
                harness.getJson("/api/v1/jobs/" + secondOfMemory, memory).get("queueReason")))
        .contains("quota max-memory-mb 15000");
    assertThat(harness.peers.createdFor(coreJobs[0])).hasSize(1);
    assertThat(harness.peers.createdFor(coreJobs[1])).hasSize(1);
    assertThat(harness.peers.createdFor(coreJobs[2])).isEmpty();
    assertThat(harness.peers.createdFor(firstOfMemory)).hasSize(1);
    assertThat(harness.peers.createdFor(secondOfMemory)).isEmpty();

    runFor(TO_RUNNING);
    runFor(TO_END);
    harness.submitPass();
    assertThat(harness.peers.createdFor(coreJobs[2])).hasSize(1);

    ApiError tooLarge =
        ApiCalls.refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(6)).bearerAuth(cores),
            HttpStatus.BAD_REQUEST);
    assertThat(tooLarge.code()).isEqualTo(ApiErrorCode.TOO_LARGE_FOR_QUOTA);
    assertThat(tooLarge.details())
        .anyMatch(line -> line.contains("needs up to 13 cores") && line.contains("may use 12"));
  }

  @Test
  void trackingReadsLivysListOncePerPassNotOncePerJob() {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(submit());
    }
    harness.submitPass();
    ids.forEach(id -> assertThat(harness.peers.createdFor(id)).hasSize(1));
    long lists = harness.peers.calls("alpha", "livy", "GET /batches");
    long yarn = harness.peers.calls("alpha", "rm", "GET /ws/v1/cluster/apps");
    for (int pass = 0; pass < 3; pass++) {
      runFor(Duration.ofSeconds(1));
    }
    assertThat(harness.peers.calls("alpha", "livy", "GET /batches") - lists).isEqualTo(3);
    // Livy still has every batch under our name: YARN is not asked.
    assertThat(harness.peers.calls("alpha", "rm", "GET /ws/v1/cluster/apps") - yarn).isZero();
  }
}
