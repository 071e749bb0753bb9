package io.yardmaster.app.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.HoldingProxy;
import io.yardmaster.app.testing.SubmissionStorm;
import io.yardmaster.app.testing.TwoClusterFleet;
import io.yardmaster.jobs.JobTags;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test of issue #10, with nothing in one JVM: the simulated fleet (Livy and YARN
 * emulators) runs in one process, the application in another, on its embedded H2 file database (the
 * default) and on PostgreSQL. Sixteen clients fire 1,000 submissions, each with its own key,
 * retrying every submission that got no 2xx with the same key and body, as Airflow does. Three
 * times, with one Livy answer held back by a proxy (Livy made the batch, the application never
 * heard), the application is killed with SIGKILL and started again on the same database. In the end
 * no job answered 2xx was lost (its id still answers, its key names it), and YARN holds exactly one
 * app per job, 1,000 in all.
 */
class KillNineCrashIT {
  static final int JOBS = 1_000;
  static final int CLIENTS = 16;
  static final int KILLS = 3;

  /**
   * Released to the clients per second, Airflow's scheduler queuing a burst every loop; before each
   * kill no more than half a kill's worth beyond its threshold is released, so that all three kills
   * land while submissions still arrive even when the application answers faster than they come.
   */
  static final int PER_SECOND = 40;

  /** Kill n comes once 150 + 250 (n - 1) submissions are accepted and 20 n sent to Livy. */
  static final int ACCEPTED_BEFORE_FIRST_KILL = 150;

  static final int ACCEPTED_PER_KILL = 250;
  static final int SENT_PER_KILL = 20;
  static final double FLEET_SPEED_UP = 20;
  static final Path LOGS = Path.of("target", "it-logs");
  static final int SIGKILL_EXIT = 128 + 9;
  private static final Logger LOG = LoggerFactory.getLogger(KillNineCrashIT.class);

  @TempDir Path dataDir;

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  void threeKillNinesDuringAThousandSubmissionsLoseNoJobAndStartNoAppTwice(String database)
      throws Exception {
    Map<String, Object> datasource = database.equals("h2") ? Map.of() : Databases.postgres();
    Path fleetLog = fresh(LOGS.resolve("KillNineCrashIT-" + database + "-fleet.log"));
    Path appLog = fresh(LOGS.resolve("KillNineCrashIT-" + database + "-application.log"));
    int fleetPort = YardmasterProcess.freePort();
    int appPort = YardmasterProcess.freePort();
    try (YardmasterProcess fleet =
            AppJar.start(
                "fleet",
                fleetPort,
                TwoClusterFleet.fleetProcess(fleetPort, FLEET_SPEED_UP, dataDir.resolve("fleet")),
                fleetLog);
        HoldingProxy livy = HoldingProxy.start(fleet.url())) {
      Map<String, String> properties = applicationProperties(fleet.url(), livy.url(), datasource);
      YardmasterProcess app = AppJar.start("application", appPort, properties, appLog);
      try {
        String token = teamToken(app.url());
        try (SubmissionStorm storm =
            SubmissionStorm.start(
                app.url(), token, JOBS, PER_SECOND, CLIENTS, KillNineCrashIT::job)) {
          for (int kill = 1; kill <= KILLS; kill++) {
            storm.releaseUpTo(acceptedBeforeKill(kill) + ACCEPTED_PER_KILL / 2);
            killMidStorm(app, storm, livy, kill);
            livy.release();
            app = AppJar.start("application, restart " + kill, appPort, properties, appLog);
          }
          storm.releaseUpTo(JOBS);
          storm.awaitEnd(Duration.ofMinutes(3));
          assertThat(storm.problems()).isEmpty();
          assertThat(storm.unanswered()).as("submissions retried after no answer").isPositive();
          try (HttpClient http = HttpClient.create(app.url().toURL())) {
            BlockingHttpClient api = http.toBlocking();
            Map<String, String> jobIdByKey = storm.jobIdsByKey();
            assertThat(jobIdByKey).hasSize(JOBS);
            assertThat(new HashSet<>(jobIdByKey.values())).as("distinct jobs").hasSize(JOBS);
            assertNoAnsweredJobWasLost(api, token, jobIdByKey);
            awaitAllPastSubmission(api, token);
            List<Map<String, Object>> jobs = listJobs(api, token);
            assertOneJobPerKey(jobs, jobIdByKey);
            assertOneAppPerJob(fleet.url(), jobs);
            for (HoldingProxy.Held held : livy.holds()) {
              assertHeldBatchWasAdopted(held, jobs);
            }
            LOG.info(
                "{}: {} submissions were retried after no answer; {} kills",
                database,
                storm.unanswered(),
                livy.holds().size());
          }
        }
      } finally {
        app.close();
      }
    }
  }

  /**
   * Once enough more submissions are accepted and sent, holds back Livy's answer to the next batch
   * creation and, while it is held, kills the application with SIGKILL mid-storm.
   */
  private static void killMidStorm(
      YardmasterProcess app, SubmissionStorm storm, HoldingProxy livy, int kill)
      throws InterruptedException {
    int holdsBefore = livy.holds().size();
    await("submissions accepted and sent to Livy before kill " + kill)
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                !storm.problems().isEmpty()
                    || storm.accepted() >= acceptedBeforeKill(kill)
                        && livy.batchesCreated() >= kill * SENT_PER_KILL);
    assertThat(storm.problems()).isEmpty();
    livy.holdNextBatchCreation();
    await("a batch creation whose answer the application will never get")
        .atMost(Duration.ofSeconds(60))
        .until(() -> livy.holds().size() > holdsBefore);
    int accepted = storm.accepted();
    int sent = livy.batchesCreated();
    assertThat(app.kill()).as("exit status of %s", app).isEqualTo(SIGKILL_EXIT);
    LOG.info(
        "kill {}: {} with {} of {} submissions accepted and {} batches created in Livy",
        kill,
        app,
        accepted,
        JOBS,
        sent);
    assertThat(accepted).as("submissions accepted at kill " + kill).isLessThan(JOBS);
  }

  /** Submissions accepted before kill {@code kill} comes. */
  private static int acceptedBeforeKill(int kill) {
    return ACCEPTED_BEFORE_FIRST_KILL + (kill - 1) * ACCEPTED_PER_KILL;
  }

  /**
   * Every job a client was answered with still exists, and its key still names it: a database that
   * lost the insert after its 201 would answer 404, and a resent key would make a new job.
   */
  private static void assertNoAnsweredJobWasLost(
      BlockingHttpClient api, String token, Map<String, String> jobIdByKey) {
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, String> answered : jobIdByKey.entrySet()) {
      try {
        api.exchange(HttpRequest.GET("/api/v1/jobs/" + answered.getValue()).bearerAuth(token));
      } catch (HttpClientResponseException e) {
        lost.add(answered.getKey() + " -> " + answered.getValue() + " (" + e.getStatus() + ")");
      }
    }
    assertThat(lost).as("jobs answered 2xx and then lost").isEmpty();
  }

  /** The team's job list has exactly one job per key: none lost, none made twice. */
  private static void assertOneJobPerKey(
      List<Map<String, Object>> jobs, Map<String, String> jobIdByKey) {
    assertThat(jobs).hasSize(JOBS);
    assertThat(
            jobs.stream()
                .collect(
                    Collectors.toMap(
                        job -> (String) job.get("idempotencyKey"), job -> (String) job.get("id"))))
        .as("job of each idempotency key, as the API lists them")
        .isEqualTo(jobIdByKey);
    assertThat(jobs)
        .as("jobs that failed, were killed or were lost")
        .filteredOn(job -> Set.of("FAILED", "KILLED", "LOST").contains(job.get("state")))
        .isEmpty();
  }

  /** YARN, across both clusters, has exactly one app per job, the one the API names. */
  private static void assertOneAppPerJob(URI fleet, List<Map<String, Object>> jobs)
      throws IOException {
    Map<String, List<String>> appsByJob = TwoClusterFleet.appsByJob(fleet);
    assertThat(appsByJob.entrySet())
        .as("jobs with more than one YARN app")
        .filteredOn(entry -> entry.getValue().size() != 1)
        .isEmpty();
    assertThat(appsByJob.keySet())
        .as("job ids among the YARN apps' tags")
        .hasSize(JOBS)
        .isEqualTo(jobs.stream().map(job -> (String) job.get("id")).collect(Collectors.toSet()));
    for (Map<String, Object> job : jobs) {
      assertThat(appsByJob.get((String) job.get("id")))
          .as("the app of job %s", job.get("id"))
          .containsExactly(job.get("cluster") + "/" + job.get("applicationId"));
    }
  }

  /**
   * The job whose batch Livy made while the application was killed took that batch (its id on its
   * cluster) rather than a second one.
   */
  private static void assertHeldBatchWasAdopted(
      HoldingProxy.Held held, List<Map<String, Object>> jobs) throws IOException {
    Map<String, Object> batch =
        JsonMapper.createDefault()
            .readValue(
                held.body().getBytes(StandardCharsets.UTF_8),
                Argument.mapOf(String.class, Object.class));
    String name = (String) batch.get("name");
    String jobId =
        name.substring(name.lastIndexOf(JobTags.jobTag("")) + JobTags.jobTag("").length());
    String cluster = held.path().split("/")[2];
    Map<String, Object> job =
        jobs.stream()
            .filter(candidate -> jobId.equals(candidate.get("id")))
            .findFirst()
            .orElseThrow();
    assertThat(job.get("cluster")).isEqualTo(cluster);
    assertThat(job.get("livyBatchId")).isEqualTo(batch.get("id"));
  }

  /** Waits until no job is QUEUED or SUBMITTING and each has its YARN app id. */
  private static void awaitAllPastSubmission(BlockingHttpClient api, String token) {
    await("every job past submission with its app id")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(listJobs(api, token))
                    .as("jobs still to be submitted or without an app id")
                    .filteredOn(
                        job ->
                            Set.of("QUEUED", "SUBMITTING").contains(job.get("state"))
                                || job.get("applicationId") == null)
                    .extracting(job -> job.get("id") + " " + job.get("state"))
                    .isEmpty());
  }

  /** The team's jobs, every page of {@code GET /api/v1/jobs}. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> listJobs(BlockingHttpClient api, String token) {
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (int page = 0; ; page++) {
      Map<String, Object> answer =
          api.retrieve(
              HttpRequest.GET("/api/v1/jobs?size=500&page=" + page).bearerAuth(token),
              Argument.mapOf(String.class, Object.class));
      jobs.addAll((List<Map<String, Object>>) answer.get("jobs"));
      if (!Boolean.TRUE.equals(answer.get("hasMore"))) {
        return jobs;
      }
    }
  }

  /** One short SparkPi per Airflow task, routed by tag to either cluster. */
  static Map<String, Object> job(int number) {
    Map<String, Object> batch = new HashMap<>();
    batch.put("file", "local:/opt/spark/examples/jars/spark-examples.jar");
    batch.put("className", "org.apache.spark.examples.SparkPi");
    batch.put("executorMemory", "1g");
    batch.put("executorCores", 1);
    batch.put("numExecutors", 1);
    // simulated time: two wall seconds at the fleet's speed-up
    batch.put("conf", Map.of("spark.yardmaster.sim.duration", "40s"));
    Map<String, Object> labels = new HashMap<>();
    labels.put("dagId", "crash_storm");
    labels.put("taskId", "pi");
    labels.put("runId", "storm_" + number);
    return Map.of(
        "batch", batch, "target", Map.of("tags", List.of(TwoClusterFleet.TAG)), "labels", labels);
  }

  private String teamToken(URI app) throws IOException {
    try (HttpClient http = HttpClient.create(app.toURL())) {
      BlockingHttpClient api = http.toBlocking();
      api.exchange(
          HttpRequest.POST(
                  "/api/v1/teams",
                  Map.of(
                      "name",
                      "storm",
                      "proxyUser",
                      "storm-svc",
                      "maxRunningJobs",
                      10 * JOBS,
                      "maxCores",
                      100_000,
                      "maxMemoryMb",
                      100_000_000L))
              .bearerAuth(adminToken()));
      return (String)
          api.retrieve(
                  HttpRequest.POST(
                          "/api/v1/tokens", Map.of("team", "storm", "description", "crash test"))
                      .bearerAuth(adminToken()),
                  Argument.mapOf(String.class, Object.class))
              .get("token");
    }
  }

  /** The admin token the application's first start wrote (AdminTokenBootstrap). */
  private String adminToken() throws IOException {
    return Files.readString(dataDir.resolve("application").resolve("admin-token")).trim();
  }

  private Map<String, String> applicationProperties(
      URI fleet, URI livyProxy, Map<String, Object> database) {
    Map<String, String> properties = TwoClusterFleet.clusters(livyProxy, fleet);
    database.forEach((key, value) -> properties.put(key, String.valueOf(value)));
    properties.put("yardmaster.roles.autoscaler", "false");
    properties.put("yardmaster.simulator.enabled", "false");
    properties.put("yardmaster.data-dir", dataDir.resolve("application").toString());
    properties.put("yardmaster.jobs.submit-interval", "50ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    properties.put("yardmaster.jobs.submit-lease", "2s");
    return properties;
  }

  private static Path fresh(Path log) throws IOException {
    Files.deleteIfExists(log);
    return log;
  }
}
