package io.yardmaster.core.peer.rm;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.type.Argument;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerAnswer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * A cluster's YARN ResourceManager REST API ({@code /ws/v1/cluster/...}), typed: the one reader of
 * its metrics, nodes and applications for routing, health, the jobs' tracking and the autoscaler.
 * Every method throws {@link PeerException} when the RM cannot be read or refuses.
 */
@Singleton
public final class ResourceManagerClient {
  /** Every state, so that decommissioning and decommissioned nodes are seen too. */
  public static final String ALL_STATES =
      "NEW,RUNNING,UNHEALTHY,DECOMMISSIONING,DECOMMISSIONED,LOST,REBOOTED,SHUTDOWN";

  static final String METRICS = "ws/v1/cluster/metrics";

  private final PeerClient http;

  public ResourceManagerClient(PeerClient http) {
    this.http = requireNonNull(http, "http is null");
  }

  /** {@code /ws/v1/cluster/metrics}, within the read timeout. */
  public RmClusterMetrics metrics(ClusterConfig cluster) {
    return metrics(cluster, http.get(peer(cluster), uri(cluster, METRICS)));
  }

  /** {@code /ws/v1/cluster/metrics} as a health probe: within the probe timeout. */
  public RmClusterMetrics probeMetrics(ClusterConfig cluster) {
    return metrics(cluster, http.probe(peer(cluster), uri(cluster, METRICS)));
  }

  /** Every NodeManager the RM knows, in any state. */
  public List<RmNode> nodes(ClusterConfig cluster) {
    PeerAnswer answer =
        http.get(peer(cluster), uri(cluster, "ws/v1/cluster/nodes?states=" + ALL_STATES));
    RmAnswers.Nodes nodes = http.read(answer, Argument.of(RmAnswers.Nodes.class));
    if (nodes.nodes() == null || nodes.nodes().node() == null) {
      return List.of();
    }
    try {
      return nodes.nodes().node().stream().map(RmAnswers.NodeFields::node).toList();
    } catch (NullPointerException e) {
      throw new PeerException.Transient(
          peer(cluster), answer.method(), answer.uri(), answer.status(), e.getMessage(), e);
    }
  }

  /** The applications carrying any of {@code tags} (one query). */
  public List<RmApplication> applicationsTagged(ClusterConfig cluster, Collection<String> tags) {
    String query =
        "ws/v1/cluster/apps?applicationTags="
            + URLEncoder.encode(String.join(",", tags), StandardCharsets.UTF_8);
    RmAnswers.Apps answer = http.get(peer(cluster), uri(cluster, query), RmAnswers.Apps.class);
    return answer.apps() == null || answer.apps().app() == null
        ? List.of()
        : List.copyOf(answer.apps().app());
  }

  /** The states of an application that has ended, as the RM's {@code states} filter names them. */
  public static final String ENDED_STATES = "FINISHED,FAILED,KILLED";

  /** The states of an application that has not ended yet. */
  public static final String LIVE_STATES = "NEW,NEW_SAVING,SUBMITTED,ACCEPTED,RUNNING";

  /**
   * Every ended application the RM still holds that finished at or after {@code finishedTimeBegin}
   * (epoch ms), in one query whatever their number.
   */
  public List<RmApplication> applicationsFinishedSince(
      ClusterConfig cluster, long finishedTimeBegin) {
    return applications(
        cluster, "states=" + ENDED_STATES + "&finishedTimeBegin=" + Math.max(0, finishedTimeBegin));
  }

  /** Every application that has not ended yet (new, accepted or running), in one query. */
  public List<RmApplication> applicationsLive(ClusterConfig cluster) {
    return applications(cluster, "states=" + LIVE_STATES);
  }

  private List<RmApplication> applications(ClusterConfig cluster, String query) {
    RmAnswers.Apps answer =
        http.get(peer(cluster), uri(cluster, "ws/v1/cluster/apps?" + query), RmAnswers.Apps.class);
    return answer.apps() == null || answer.apps().app() == null
        ? List.of()
        : List.copyOf(answer.apps().app());
  }

  /** Asks the RM to kill an application ({@code PUT .../apps/{id}/state}, {@code KILLED}). */
  public void kill(ClusterConfig cluster, String applicationId) {
    http.send(
        peer(cluster),
        "PUT",
        uri(cluster, "ws/v1/cluster/apps/" + applicationId + "/state"),
        new RmAnswers.State("KILLED"));
  }

  private RmClusterMetrics metrics(ClusterConfig cluster, PeerAnswer answer) {
    RmAnswers.Metrics metrics = http.read(answer, Argument.of(RmAnswers.Metrics.class));
    if (metrics.clusterMetrics() == null) {
      throw new PeerException.Transient(
          peer(cluster), answer.method(), answer.uri(), answer.status(), "no clusterMetrics", null);
    }
    return metrics.clusterMetrics().metrics();
  }

  private static Peer peer(ClusterConfig cluster) {
    return Peer.resourceManager(cluster.name());
  }

  private static URI uri(ClusterConfig cluster, String path) {
    return PeerClient.join(cluster.resourceManagerUrl(), path);
  }
}
