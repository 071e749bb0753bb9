package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.yardmaster.load.ClusterLoad;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two clusters, alpha and beta, on the simulator's emulators: least-loaded routing from the
 * ResourceManagers' metrics (the load is other apps running on the simulated clusters), re-routing
 * a job a cluster refused before its app started, drain and undrain, and the Spark conf policy of
 * cluster and team. The test runs the submitter and the health probe itself.
 */
class RoutingAndPolicyIT {
  static JobsHarness harness;
  static String token;
  static String admin;
  static final List<String> loads = new ArrayList<>();

  @BeforeAll
  static void start() {
    harness =
        JobsHarness.driven(
            Map.of(
                "yardmaster.clusters.alpha.spark-defaults",
                List.of("spark.sql.shuffle.partitions=200", "spark.executor.memoryOverhead=1g"),
                "yardmaster.clusters.alpha.spark-enforced",
                List.of("spark.dynamicAllocation.enabled=false"),
                "yardmaster.clusters.beta.queues",
                List.of("default")),
            List.of("beta"));
    token = harness.teamToken("routing");
    admin = harness.adminToken();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.peers.clearFaults();
    harness
        .client()
        .exchange(HttpRequest.POST("/api/v1/clusters/beta/undrain", "").bearerAuth(admin));
  }

  /**
   * Makes each cluster as busy as {@code executors} executors of 24 GB of another app (not
   * Yardmaster's, submitted to the cluster's Livy directly), after every earlier app ended, and has
   * the load reader read both ResourceManagers.
   */
  private static void load(int alphaExecutors, int betaExecutors) {
    for (String batch : loads) {
      harness.client().exchange(HttpRequest.DELETE(batch));
    }
    loads.clear();
    harness.advance(Duration.ofMinutes(5));
    Map<String, Integer> executors = Map.of("alpha", alphaExecutors, "beta", betaExecutors);
    executors.forEach(
        (cluster, count) -> {
          if (count > 0) {
            Map<String, Object> body =
                Map.of(
                    "file",
                    "local:/opt/jobs/load.jar",
                    "name",
                    "load-" + UUID.randomUUID(),
                    "numExecutors",
                    count,
                    "executorMemory",
                    "24g",
                    "conf",
                    Map.of("spark.yardmaster.sim.duration", "10h"));
            Map<String, Object> created =
                harness
                    .client()
                    .retrieve(
                        HttpRequest.POST("/sim/" + cluster + "/livy/batches", body),
                        Argument.mapOf(String.class, Object.class));
            loads.add("/sim/" + cluster + "/livy/batches/" + created.get("id"));
          }
        });
    harness.advance(Duration.ofSeconds(10));
    harness.probe();
    ClusterLoad monitor = harness.context.getBean(ClusterLoad.class);
    long alpha = monitor.usage("alpha").orElseThrow().usedMb();
    long beta = monitor.usage("beta").orElseThrow().usedMb();
    assertThat(Long.compare(alpha, beta))
        .as("alpha uses %d MB, beta %d MB", alpha, beta)
        .isEqualTo(Integer.compare(alphaExecutors, betaExecutors));
  }

  private static String submitRouted() {
    Map<String, Object> body = Jobs.sparkPi(2);
    body.put("target", Map.of("tags", List.of("spark3")));
    return (String) harness.post("/api/v1/jobs", token, null, body).body().get("id");
  }

  private static Map<String, Object> job(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token);
  }

  /** The job after a submitter pass, which started it. */
  private static Map<String, Object> startedJob(String id) {
    harness.submitPass();
    Map<String, Object> job = job(id);
    assertThat(job.get("state")).as("%s", job).isEqualTo("STARTING");
    return job;
  }

  @Test
  void aRoutedJobGoesToTheClusterItsResourceManagerShowsLeastUsed() {
    load(3, 1);
    Map<String, Object> first = startedJob(submitRouted());
    assertThat(first.get("cluster")).isEqualTo("beta");
    assertThat((String) first.get("routingReason"))
        .contains("least loaded of [alpha, beta]")
        .contains("per its ResourceManager");
    load(1, 3);
    assertThat(startedJob(submitRouted()).get("cluster")).isEqualTo("alpha");
  }

  @Test
  void aJobAClusterRefusedBeforeItsAppStartedIsReRoutedAndSentOnce() {
    load(2, 0);
    harness.peers.livyBusy("beta");
    String id = submitRouted();
    harness.submitPass();
    assertThat(job(id).get("state")).as("refused by beta, queued again").isEqualTo("QUEUED");
    Map<String, Object> job = startedJob(id);
    assertThat(job.get("cluster")).isEqualTo("alpha");
    assertThat((String) job.get("routingReason"))
        .startsWith("re-routed: beta refused it before its app started");
    assertThat(job.get("attempts")).isEqualTo(2);
    assertThat(harness.peers.createdFor(id)).hasSize(1);
  }

  @Test
  void aQueueRoutesOnlyToClustersThatHaveItAndANamedClusterWithoutItIsA400() {
    load(3, 0);
    Map<String, Object> etl = Jobs.sparkPi(1);
    etl.put("target", Map.of("tags", List.of("spark3"), "queue", "etl"));
    String id = (String) harness.post("/api/v1/jobs", token, null, etl).body().get("id");
    // beta is emptier but lists only queue "default"; alpha lists none, so it takes any queue.
    assertThat(startedJob(id).get("cluster")).isEqualTo("alpha");

    Map<String, Object> named = Jobs.sparkPi(1);
    named.put("target", Map.of("cluster", "beta", "queue", "etl"));
    ApiError error =
        ApiCalls.refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", named).bearerAuth(token),
            HttpStatus.BAD_REQUEST);
    assertThat(error.code()).isEqualTo(ApiErrorCode.UNKNOWN_QUEUE);
    assertThat(error.message()).contains("'etl'").contains("[default]");
  }

  @Test
  void aDrainedClusterGetsNoNewJobsUntilUndrainedAndOnlyAnAdminDrains() {
    load(3, 0);
    ApiCalls.refused(
        harness.client(),
        HttpRequest.POST("/api/v1/clusters/beta/drain", Map.of()).bearerAuth(token),
        HttpStatus.FORBIDDEN);
    ApiCalls.refused(
        harness.client(),
        HttpRequest.POST("/api/v1/clusters/nope/drain", Map.of()).bearerAuth(admin),
        HttpStatus.NOT_FOUND);
    Map<String, Object> drained =
        harness
            .client()
            .retrieve(
                HttpRequest.POST(
                        "/api/v1/clusters/beta/drain", Map.of("reason", "YARN upgrade OPS-12"))
                    .bearerAuth(admin),
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    assertThat(drained.get("drained")).isEqualTo(true);
    assertThat(drained.get("drain").toString()).contains("YARN upgrade OPS-12");

    // Routed by tags: beta is emptier but drained, so alpha takes it.
    assertThat(startedJob(submitRouted()).get("cluster")).isEqualTo("alpha");
    // Named: it waits, saying why, and nothing reaches beta's Livy.
    Map<String, Object> named = Jobs.sparkPi(1);
    named.put("target", Map.of("cluster", "beta"));
    String waiting = (String) harness.post("/api/v1/jobs", token, null, named).body().get("id");
    harness.submitPass();
    assertThat(String.valueOf(job(waiting).get("queueReason"))).contains("beta is drained");
    assertThat(harness.peers.createdFor(waiting)).isEmpty();

    harness
        .client()
        .exchange(HttpRequest.POST("/api/v1/clusters/beta/undrain", "").bearerAuth(admin));
    assertThat(startedJob(waiting).get("cluster")).isEqualTo("beta");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sparkConfIsLayeredClusterDefaultsTeamDefaultsRequestTeamEnforcedClusterEnforced() {
    Map<String, Object> team = new HashMap<>();
    team.put("name", "policy");
    team.put("proxyUser", "policy-svc");
    team.put(
        "sparkDefaults",
        Map.of("spark.eventLog.enabled", "true", "spark.sql.shuffle.partitions", "100"));
    team.put("sparkEnforced", Map.of("spark.speculation", "false"));
    harness.client().exchange(HttpRequest.POST("/api/v1/teams", team).bearerAuth(admin));
    String policy = harness.teamToken("policy");
    assertThat(harness.getJson("/api/v1/teams/policy", policy).get("sparkEnforced"))
        .isEqualTo(Map.of("spark.speculation", "false"));

    Map<String, Object> body = Jobs.sparkPi(1);
    ((Map<String, Object>) body.get("batch"))
        .put(
            "conf",
            Map.of(
                "spark.sql.shuffle.partitions", "64",
                "spark.speculation", "true",
                "spark.dynamicAllocation.enabled", "true"));
    String id = (String) harness.post("/api/v1/jobs", policy, null, body).body().get("id");
    harness.submitPass();
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    Map<String, String> conf = harness.peers.createdFor(id).get(0).conf();
    assertThat(conf)
        .containsEntry("spark.sql.shuffle.partitions", "64")
        .containsEntry("spark.executor.memoryOverhead", "1g")
        .containsEntry("spark.eventLog.enabled", "true")
        .containsEntry("spark.speculation", "false")
        .containsEntry("spark.dynamicAllocation.enabled", "false");
    assertThat(conf.get("spark.yarn.tags").toString()).contains("ym-job-" + id);
    assertThat(harness.peers.createdFor(id).get(0).proxyUser()).isEqualTo("policy-svc");
  }
}
