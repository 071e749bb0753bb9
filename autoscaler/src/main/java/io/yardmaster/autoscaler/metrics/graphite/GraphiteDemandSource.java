package io.yardmaster.autoscaler.metrics.graphite;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.demand.DemandCrossCheck;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.core.Roles;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pending demand from Graphite's render API, as Hadoop's GraphiteSink writes it: {@code
 * <prefix>.yarn.QueueMetrics.Queue=<queue>.Context=yarn.Hostname=<rm host>.PendingMB} (a dotted
 * queue such as {@code root.batch} is two levels; the RM host, as its metrics system names it, is
 * matched by {@code *} per label, up to {@link #HOST_LABELS} labels, so that an RM whose host name
 * is fully qualified is read too). The newest instant at which both PendingMB and PendingVCores
 * have a point counts, with PendingContainers at that same instant (see {@link GraphitePoint});
 * older than {@link #STALE_PERIODS} sink periods, or absent, the demand is stale. Checked against a
 * real ResourceManager's GraphiteSink ({@code YarnGraphiteSinkIT}).
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(property = GraphiteConfig.PREFIX + ".url")
public final class GraphiteDemandSource implements DemandSource {
  static final int STALE_PERIODS = 3;

  /**
   * Graphite's {@code *} stops at a dot, and Hadoop's metrics system writes the RM's host name
   * ({@code InetAddress.getLocalHost().getHostName()}) into the path as it is: {@code
   * Hostname=rm1.example.com} is three levels.
   */
  static final int HOST_LABELS = 4;

  static final String PENDING_MB = "PendingMB";
  static final String PENDING_VCORES = "PendingVCores";
  static final String PENDING_CONTAINERS = "PendingContainers";

  private final URI renderBase;
  private final Duration sinkPeriod;
  private final PeerClient http;

  public GraphiteDemandSource(GraphiteConfig graphite, PeerClient http) {
    this.renderBase = requireNonNull(graphite.url(), "yardmaster.graphite.url is null");
    this.sinkPeriod = graphite.sinkPeriod();
    this.http = requireNonNull(http, "http is null");
  }

  /** The render target of one queue metric of a cluster whose RM host name is one label. */
  public static String target(ClusterConfig cluster, String metric) {
    return targets(cluster, metric).get(0);
  }

  /** The render targets of one queue metric: one per host-name depth, 1 to {@link #HOST_LABELS}. */
  static List<String> targets(ClusterConfig cluster, String metric) {
    List<String> targets = new ArrayList<>();
    StringBuilder host = new StringBuilder("*");
    for (int labels = 1; labels <= HOST_LABELS; labels++) {
      targets.add(
          cluster.graphitePrefix()
              + ".yarn.QueueMetrics.Queue="
              + cluster.graphiteQueue()
              + ".Context=yarn.Hostname="
              + host
              + "."
              + metric);
      host.append(".*");
    }
    return targets;
  }

  @Override
  public DemandReading read(ClusterConfig cluster, Instant now) {
    JsonNode series;
    try {
      series =
          http.read(http.get(Peer.graphite(), renderUri(cluster)), Argument.of(JsonNode.class));
    } catch (PeerException e) {
      return new DemandReading(Demand.missing(), "Graphite unreadable: " + e.getMessage());
    }
    Duration staleAfter = sinkPeriod.multipliedBy(STALE_PERIODS);
    Optional<GraphitePoint> point =
        GraphitePoint.newest(
            series, List.of(PENDING_MB, PENDING_VCORES), List.of(PENDING_CONTAINERS));
    if (point.isEmpty()) {
      return new DemandReading(
          Demand.missing(), "no " + target(cluster, PENDING_MB) + " points in Graphite");
    }
    Duration age = Duration.between(point.get().at(), now);
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    boolean stale = age.compareTo(staleAfter) > 0;
    long pendingMemory = (long) point.get().value(PENDING_MB);
    long pendingVcores = (long) point.get().value(PENDING_VCORES);
    long pendingContainers = (long) point.get().value(PENDING_CONTAINERS);
    Demand demand =
        new Demand(
            pendingVcores,
            pendingMemory,
            DemandCrossCheck.averageShape(pendingContainers, pendingVcores, pendingMemory),
            age,
            stale);
    String note =
        "Graphite: "
            + pendingVcores
            + " vcores / "
            + pendingMemory
            + " MB pending, "
            + age.toSeconds()
            + " s old"
            + (stale ? " (stale: older than " + staleAfter.toSeconds() + " s)" : "");
    return new DemandReading(demand, note);
  }

  private URI renderUri(ClusterConfig cluster) {
    long windowSeconds = Math.max(300, sinkPeriod.multipliedBy(10).toSeconds());
    StringBuilder query = new StringBuilder("render?format=json&from=-");
    query.append(windowSeconds / 60 + 1).append("min");
    for (String metric : new String[] {PENDING_MB, PENDING_VCORES, PENDING_CONTAINERS}) {
      for (String target : targets(cluster, metric)) {
        query.append("&target=").append(URLEncoder.encode(target, StandardCharsets.UTF_8));
      }
    }
    return PeerClient.join(renderBase, query.toString());
  }
}
