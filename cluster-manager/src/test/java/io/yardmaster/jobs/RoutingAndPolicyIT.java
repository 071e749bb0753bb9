package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.yardmaster.load.ClusterLoad;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.FakePeers.SubmitMode;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two clusters, alpha and beta, behind the fakes: least-loaded routing from the ResourceManagers'
 * metrics, re-routing a job a cluster refused before its app started, drain and undrain, and the
 * Spark conf policy of cluster and team.
 */
class RoutingAndPolicyIT {
  static final long TOTAL_MB = 1_000_000;
  static JobsHarness harness;
  static String token;
  static String admin;

  @BeforeAll
  static void start() {
    harness =
        JobsHarness.start(
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
    harness.peers.reset();
    harness.peers.usage("alpha", 0, TOTAL_MB);
    harness.peers.usage("beta", 0, TOTAL_MB);
    harness
        .client()
        .exchange(HttpRequest.POST("/api/v1/clusters/beta/undrain", "").bearerAuth(admin));
  }

  /** Sets both clusters' usage and waits until the load reader has read it. */
  private static void usage(long alphaMb, long betaMb) {
    harness.peers.usage("alpha", alphaMb, TOTAL_MB);
    harness.peers.usage("beta", betaMb, TOTAL_MB);
    ClusterLoad monitor = harness.context.getBean(ClusterLoad.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                monitor.usage("alpha").map(u -> u.usedMb() == alphaMb).orElse(false)
                    && monitor.usage("beta").map(u -> u.usedMb() == betaMb).orElse(false));
  }

  private static String submitRouted() {
    Map<String, Object> body = Jobs.sparkPi(2);
    body.put("target", Map.of("tags", List.of("spark3")));
    return (String) harness.post("/api/v1/jobs", token, null, body).body().get("id");
  }

  private static Map<String, Object> job(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token);
  }

  private static Map<String, Object> startedJob(String id) {
    await().atMost(Duration.ofSeconds(15)).until(() -> "STARTING".equals(job(id).get("state")));
    return job(id);
  }

  @Test
  void aRoutedJobGoesToTheClusterItsResourceManagerShowsLeastUsed() {
    usage(900_000, 100_000);
    Map<String, Object> first = startedJob(submitRouted());
    assertThat(first.get("cluster")).isEqualTo("beta");
    assertThat((String) first.get("routingReason"))
        .contains("least loaded of [alpha, beta]")
        .contains("per its ResourceManager");
    usage(50_000, 950_000);
    assertThat(startedJob(submitRouted()).get("cluster")).isEqualTo("alpha");
  }

  @Test
  void aJobAClusterRefusedBeforeItsAppStartedIsReRoutedAndSentOnce() {
    usage(500_000, 0);
    harness.peers.mode("beta", SubmitMode.BUSY);
    String id = submitRouted();
    Map<String, Object> job = startedJob(id);
    assertThat(job.get("cluster")).isEqualTo("alpha");
    assertThat((String) job.get("routingReason"))
        .startsWith("re-routed: beta refused it before its app started");
    assertThat(job.get("attempts")).isEqualTo(2);
    assertThat(harness.peers.createdFor(id)).hasSize(1);
  }

  @Test
  void aQueueRoutesOnlyToClustersThatHaveItAndANamedClusterWithoutItIsA400() {
    usage(900_000, 0);
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
    usage(900_000, 0);
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
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> String.valueOf(job(waiting).get("queueReason")).contains("beta is drained"));
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
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.peers.createdFor(id).size() == 1);
    Map<String, Object> conf =
        (Map<String, Object>) harness.peers.createdFor(id).get(0).body.get("conf");
    assertThat(conf)
        .containsEntry("spark.sql.shuffle.partitions", "64")
        .containsEntry("spark.executor.memoryOverhead", "1g")
        .containsEntry("spark.eventLog.enabled", "true")
        .containsEntry("spark.speculation", "false")
        .containsEntry("spark.dynamicAllocation.enabled", "false");
    assertThat(conf.get("spark.yarn.tags").toString()).contains("ym-job-" + id);
    assertThat(harness.peers.createdFor(id).get(0).proxyUser).isEqualTo("policy-svc");
  }
}
