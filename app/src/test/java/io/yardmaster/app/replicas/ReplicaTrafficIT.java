package io.yardmaster.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.ReplicaSetup;
import io.yardmaster.app.testing.TwoClusterFleet;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #11's measure of periodic work: with one replica and then three on one PostgreSQL, each
 * cluster's Livy and ResourceManager serve the same number of requests per window, because the
 * submitter, the trackers, the health probe (database leases) and the autoscaler's ticks (clustered
 * Quartz) each run on one replica at a time. The fleet runs in its own process and counts what its
 * emulators serve ({@code /sim/traffic}); jobs run on both clusters throughout, so the trackers
 * have work. Without the leases three replicas cost three times the traffic.
 */
class ReplicaTrafficIT {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaTrafficIT.class);
  private static final Path LOGS = Path.of("target", "it-logs");
  private static final Duration WINDOW = Duration.ofSeconds(20);

  /** Longer than a lease (15 s), so a lease left by a stopped replica has been taken over. */
  private static final Duration SETTLE = Duration.ofSeconds(17);

  /** Three replicas may cost at most this much of one replica's traffic (timing noise). */
  private static final double ALLOWED_RATIO = 1.5;

  @TempDir Path dataDir;

  @Test
  void threeReplicasCostEachClusterWhatOneReplicaCosts() throws Exception {
    Map<String, Object> database = Databases.postgres();
    int fleetPort = YardmasterProcess.freePort();
    Path fleetLog = fresh("ReplicaTrafficIT-fleet.log");
    try (YardmasterProcess fleet =
        AppJar.start(
            "fleet",
            fleetPort,
            TwoClusterFleet.fleetProcess(fleetPort, 1, dataDir.resolve("fleet")),
            fleetLog)) {
      Map<String, Map<String, Long>> one;
      try (Replicas replicas = Replicas.start(1, fleet.url(), database, dataDir)) {
        String token =
            ReplicaSetup.teamToken(replicas.processes().get(0).url(), dataDir, "replicas", 100);
        replicas.submitLongJobs(token);
        replicas.awaitRunning(token);
        one = measure(fleet.url());
      }
      Map<String, Map<String, Long>> three;
      try (Replicas replicas = Replicas.start(3, fleet.url(), database, dataDir)) {
        three = measure(fleet.url());
      }
      LOG.info(
          "requests per {} s, one replica: {}; three replicas: {}", WINDOW.toSeconds(), one, three);
      Files.writeString(
          LOGS.resolve("ReplicaTrafficIT-figures.txt"),
          "requests per " + WINDOW.toSeconds() + " s\none replica: " + one + "\nthree: " + three);
      for (String cluster : TwoClusterFleet.CLUSTERS) {
        for (String peer : List.of("livy", "rm")) {
          long single = one.get(cluster).getOrDefault(peer, 0L);
          long triple = three.get(cluster).getOrDefault(peer, 0L);
          assertThat(single).as("%s %s requests with one replica", cluster, peer).isPositive();
          assertThat((double) triple)
              .as("%s %s requests with three replicas (one replica: %d)", cluster, peer, single)
              .isLessThanOrEqualTo(single * ALLOWED_RATIO);
        }
      }
    }
  }

  /** Each cluster's requests per peer over {@link #WINDOW}, after the replicas settled. */
  private static Map<String, Map<String, Long>> measure(URI fleet) throws Exception {
    Thread.sleep(SETTLE.toMillis()); // a measurement window, not a wait for a condition
    Map<String, Map<String, Long>> before = traffic(fleet);
    Thread.sleep(WINDOW.toMillis());
    Map<String, Map<String, Long>> after = traffic(fleet);
    Map<String, Map<String, Long>> delta = new TreeMap<>();
    after.forEach(
        (cluster, peers) ->
            peers.forEach(
                (peer, count) ->
                    delta
                        .computeIfAbsent(cluster, c -> new TreeMap<>())
                        .put(
                            peer,
                            count
                                - before.getOrDefault(cluster, Map.of()).getOrDefault(peer, 0L))));
    return delta;
  }

  /** {@code /sim/traffic} summed over operations: cluster, then peer, then requests so far. */
  private static Map<String, Map<String, Long>> traffic(URI fleet) throws IOException {
    try (HttpClient http = HttpClient.create(fleet.toURL())) {
      Map<String, Map<String, Map<String, Long>>> byOperation =
          http.toBlocking()
              .retrieve(
                  HttpRequest.GET("/sim/traffic"),
                  Argument.mapOf(
                      Argument.STRING,
                      Argument.mapOf(
                          Argument.STRING, Argument.mapOf(Argument.STRING, Argument.LONG))));
      Map<String, Map<String, Long>> byPeer = new TreeMap<>();
      byOperation.forEach(
          (cluster, peers) ->
              peers.forEach(
                  (peer, operations) ->
                      byPeer
                          .computeIfAbsent(cluster, c -> new TreeMap<>())
                          .put(
                              peer,
                              operations.values().stream().mapToLong(Long::longValue).sum())));
      return byPeer;
    }
  }

  private static Path fresh(String name) throws IOException {
    Path log = LOGS.resolve(name);
    Files.createDirectories(LOGS);
    Files.deleteIfExists(log);
    return log;
  }

  /** {@code count} application replicas on one database, stopped (SIGTERM) together. */
  private record Replicas(List<YardmasterProcess> processes, HttpClient http)
      implements AutoCloseable {
    static Replicas start(int count, URI fleet, Map<String, Object> database, Path dataDir)
        throws IOException {
      List<YardmasterProcess> processes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, String> properties = ReplicaSetup.properties(fleet, database, dataDir, i);
        int port = YardmasterProcess.freePort();
        processes.add(
            AppJar.start(
                "replica " + i + " of " + count,
                port,
                properties,
                fresh("ReplicaTrafficIT-" + count + "-" + i + ".log")));
      }
      return new Replicas(processes, HttpClient.create(processes.get(0).url().toURL()));
    }

    /** Three jobs per cluster that run far longer than the test. */
    void submitLongJobs(String token) {
      for (String cluster : TwoClusterFleet.CLUSTERS) {
        for (int i = 0; i < 3; i++) {
          Map<String, Object> batch = new HashMap<>();
          batch.put("file", "local:/opt/spark/examples/jars/spark-examples.jar");
          batch.put("className", "org.apache.spark.examples.SparkPi");
          batch.put("numExecutors", 1);
          batch.put("conf", Map.of("spark.yardmaster.sim.duration", "10h"));
          client()
              .exchange(
                  HttpRequest.POST(
                          "/api/v1/jobs",
                          Map.of("batch", batch, "target", Map.of("cluster", cluster)))
                      .header("Idempotency-Key", cluster + "-" + i)
                      .bearerAuth(token));
        }
      }
    }

    @SuppressWarnings("unchecked")
    void awaitRunning(String token) {
      await("the long jobs running")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  ((List<Map<String, Object>>)
                              client()
                                  .retrieve(
                                      HttpRequest.GET("/api/v1/jobs?state=RUNNING")
                                          .bearerAuth(token),
                                      Argument.mapOf(String.class, Object.class))
                                  .get("jobs"))
                          .size()
                      == 3 * TwoClusterFleet.CLUSTERS.size());
    }

    /** The first replica's API, through one client for the whole phase. */
    private BlockingHttpClient client() {
      return http.toBlocking();
    }

    @Override
    public void close() {
      http.close();
      processes.forEach(YardmasterProcess::close);
    }
  }
}
