package io.yardmaster.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests the benchmark makes besides the measured load: a team with quotas that never hold a
 * job back and a token for it, the job body, how many jobs are not yet running, and the simulator's
 * count of the requests each cluster's Livy has served.
 */
final class YardmasterCalls {
  static final String TEAM = "bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  private YardmasterCalls() {}

  /** Creates the benchmark team (quotas far above the benchmark) and returns a token for it. */
  static String teamToken(HttpConnection yardmaster, String adminToken) throws IOException {
    Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
    expect(
        yardmaster.post(
            "/api/v1/teams",
            admin,
            "{\"name\":\""
                + TEAM
                + "\",\"proxyUser\":\"bench-svc\",\"maxRunningJobs\":1000000,"
                + "\"maxCores\":100000000,\"maxMemoryMb\":100000000000}"),
        201);
    HttpConnection.Response token =
        expect(
            yardmaster.post(
                "/api/v1/tokens", admin, "{\"team\":\"" + TEAM + "\",\"description\":\"bench\"}"),
            201);
    return JSON.readTree(token.body()).path("token").asText();
  }

  /**
   * A small batch (a 1-core driver and one 1-core executor) that runs for a day on the simulated
   * fleet, routed by tag to the least loaded of the three clusters.
   */
  static String jobBody(int index) {
    return String.format(
        Locale.ROOT,
        "{\"batch\":{\"file\":\"local:/opt/spark/examples/jars/spark-examples.jar\","
            + "\"className\":\"org.apache.spark.examples.SparkPi\",\"args\":[\"10\"],"
            + "\"executorMemory\":\"1g\",\"executorCores\":1,\"numExecutors\":1,"
            + "\"conf\":{\"spark.yardmaster.sim.duration\":\"24h\"}},"
            + "\"target\":{\"tags\":[\"bench\"]},"
            + "\"labels\":{\"dagId\":\"bench_status_reads\",\"taskId\":\"job_%d\","
            + "\"runId\":\"scheduled__2026-11-21T00:00:00\",\"tryNumber\":1}}",
        index);
  }

  static String idempotencyKey(int index) {
    return "bench-status-reads-" + index;
  }

  /** The id of a job a submission answered (201, or 200 for a repeated key). */
  static String jobId(HttpConnection.Response response) throws IOException {
    if (response.status() != 201 && response.status() != 200) {
      throw new IllegalStateException(
          "submission answered " + response.status() + ": " + response.body());
    }
    return JSON.readTree(response.body()).path("id").asText();
  }

  /** Whether any job of the team is in {@code state} (one row asked for). */
  static boolean anyIn(HttpConnection yardmaster, String token, String state) throws IOException {
    HttpConnection.Response page =
        expect(
            yardmaster.get(
                "/api/v1/jobs?size=1&state=" + state, Map.of("Authorization", "Bearer " + token)),
            200);
    return JSON.readTree(page.body()).path("jobs").size() > 0;
  }

  /** Applications running in each simulated cluster, from its ResourceManager. */
  static Map<String, Integer> appsRunning(HttpConnection simulator, Iterable<String> clusters)
      throws IOException {
    Map<String, Integer> running = new TreeMap<>();
    for (String cluster : clusters) {
      HttpConnection.Response metrics =
          expect(simulator.get("/sim/" + cluster + "/rm/ws/v1/cluster/metrics", Map.of()), 200);
      running.put(
          cluster,
          JSON.readTree(metrics.body()).path("clusterMetrics").path("appsRunning").asInt());
    }
    return running;
  }

  /** Requests each cluster's emulated Livy has served so far, by operation. */
  static Map<String, Map<String, Long>> livyRequests(HttpConnection simulator) throws IOException {
    JsonNode traffic = JSON.readTree(expect(simulator.get("/sim/traffic", Map.of()), 200).body());
    Map<String, Map<String, Long>> byCluster = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> clusters = traffic.fields(); clusters.hasNext(); ) {
      Map.Entry<String, JsonNode> cluster = clusters.next();
      Map<String, Long> operations = new TreeMap<>();
      cluster
          .getValue()
          .path("livy")
          .fields()
          .forEachRemaining(
              operation -> operations.put(operation.getKey(), operation.getValue().asLong()));
      byCluster.put(cluster.getKey(), operations);
    }
    return byCluster;
  }

  static HttpConnection.Response expect(HttpConnection.Response response, int status) {
    if (response.status() != status) {
      throw new IllegalStateException(
          "expected HTTP " + status + " but got " + response.status() + ": " + response.body());
    }
    return response;
  }
}
