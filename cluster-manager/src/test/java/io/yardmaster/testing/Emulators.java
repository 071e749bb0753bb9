package io.yardmaster.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.yardmaster.jobs.JobTags;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.livy.LivyServer;
import io.yardmaster.simulator.livy.LivyServers;
import io.yardmaster.simulator.traffic.PeerTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's Livy and ResourceManager emulators that a {@link JobsHarness}'s clusters point
 * at, seen from a test: their controls (simulated time, Livy restarts, faults) through the
 * simulator's HTTP admin API, what they hold through the emulators themselves. Simulated time moves
 * only when a test skips it.
 */
public final class Emulators {
  /** Livy's answer when {@code livy.server.session.max-creation} spark-submits run at once. */
  public static final String LIVY_BUSY = "Rejected, too many sessions are being created!";

  private final ApplicationContext context;
  private final BlockingHttpClient http;
  private final List<String> clusters;

  Emulators(ApplicationContext context, BlockingHttpClient http, List<String> clusters) {
    this.context = context;
    this.http = http;
    this.clusters = List.copyOf(clusters);
  }

  /** Moves simulated time on: spark-submits finish, apps start and end. */
  public void skip(Duration duration) {
    http.exchange(HttpRequest.POST("/sim/clock/skip?seconds=" + duration.toSeconds(), ""));
  }

  /**
   * A Livy restart without recovery: every batch forgotten, ids from 0 again; YARN keeps its apps.
   */
  public void restartLivy(String cluster) {
    http.exchange(HttpRequest.POST("/sim/" + cluster + "/livy-admin/restart", ""));
  }

  /** Arms a fault on one operation of a cluster's {@code livy} or {@code rm}, for {@code count}. */
  public void fault(
      String cluster,
      String peer,
      String operation,
      int status,
      int count,
      String message,
      boolean after) {
    Map<String, Object> fault = new HashMap<>();
    fault.put("status", status);
    fault.put("count", count);
    fault.put("operation", operation);
    fault.put("message", message);
    fault.put("after", after);
    http.exchange(HttpRequest.POST("/sim/" + cluster + "/" + peer + "-admin/fault", fault));
  }

  /** Livy answers every submission with its busy 400 until cleared. */
  public void livyBusy(String cluster) {
    fault(cluster, "livy", "POST /batches", 400, -1, LIVY_BUSY, false);
  }

  public void clearFaults() {
    for (String cluster : clusters) {
      http.exchange(HttpRequest.DELETE("/sim/" + cluster + "/livy-admin/fault"));
      http.exchange(HttpRequest.DELETE("/sim/" + cluster + "/rm-admin/fault"));
    }
  }

  /** Every batch a cluster's Livy created for a job, across restarts, with its conf. */
  public List<LivyServer.Created> createdFor(String cluster, String jobId) {
    String tag = JobTags.jobTag(jobId);
    return livy(cluster).created().stream()
        .filter(batch -> batch.name() != null && batch.name().endsWith(tag))
        .toList();
  }

  /** Every batch any cluster's Livy created for a job. */
  public List<LivyServer.Created> createdFor(String jobId) {
    List<LivyServer.Created> all = new ArrayList<>();
    clusters.forEach(cluster -> all.addAll(createdFor(cluster, jobId)));
    return all;
  }

  /** Requests a cluster's Livy or RM served of one operation so far (take deltas). */
  public long calls(String cluster, String peer, String operation) {
    return context
        .getBean(PeerTraffic.class)
        .snapshot()
        .getOrDefault(cluster, Map.of())
        .getOrDefault(peer, Map.of())
        .getOrDefault(operation, 0L);
  }

  /** The YARN apps of a job, from the cluster's ResourceManager REST API. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> yarnApps(String cluster, String jobId) {
    Map<String, Object> body =
        http.retrieve(
            HttpRequest.GET(
                "/sim/"
                    + cluster
                    + "/rm/ws/v1/cluster/apps?applicationTags="
                    + JobTags.jobTag(jobId)),
            Argument.mapOf(String.class, Object.class));
    Object apps = body.get("apps");
    return apps == null
        ? List.of()
        : (List<Map<String, Object>>) ((Map<String, Object>) apps).get("app");
  }

  /** The simulated fleet, for reading its clusters' state. */
  public SimulatedFleet fleet() {
    return context.getBean(SimulatedFleet.class);
  }

  private LivyServer livy(String cluster) {
    return context.getBean(LivyServers.class).server(cluster).orElseThrow();
  }
}
