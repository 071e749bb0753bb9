package io.yardmaster.autoscaler.yarn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.http.JsonGet;
import io.yardmaster.autoscaler.http.PeerReadException;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The ResourceManager's REST API ({@code /ws/v1/cluster/nodes}, {@code /metrics}). */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class RestResourceManager implements ResourceManager {
  /** Every state, so that decommissioning and decommissioned nodes are seen too. */
  static final String ALL_STATES =
      "NEW,RUNNING,UNHEALTHY,DECOMMISSIONING,DECOMMISSIONED,LOST,REBOOTED,SHUTDOWN";

  private final JsonGet http;

  public RestResourceManager(JsonMapper mapper, AutoscalerConfig config) {
    this.http = new JsonGet(mapper, config.peerTimeout());
  }

  @Override
  public List<YarnNode> nodes(ClusterConfig cluster) {
    JsonNode body = http.get(uri(cluster, "/ws/v1/cluster/nodes?states=" + ALL_STATES));
    JsonNode wrapper = body.get("nodes");
    List<YarnNode> nodes = new ArrayList<>();
    if (wrapper == null || wrapper.isNull() || wrapper.get("node") == null) {
      return nodes;
    }
    for (JsonNode node : wrapper.get("node").values()) {
      nodes.add(
          new YarnNode(
              text(node, "id"),
              text(node, "nodeHostName"),
              text(node, "state"),
              (int) number(node, "numContainers"),
              (int) number(node, "usedVirtualCores"),
              number(node, "usedMemoryMB"),
              (int) number(node, "availableVirtualCores"),
              number(node, "availMemoryMB"),
              optionalText(node, "nodeHTTPAddress")));
    }
    return nodes;
  }

  @Override
  public YarnClusterMetrics metrics(ClusterConfig cluster) {
    JsonNode metrics = http.get(uri(cluster, "/ws/v1/cluster/metrics")).get("clusterMetrics");
    if (metrics == null || !metrics.isObject()) {
      throw new PeerReadException("no clusterMetrics from " + cluster.name() + "'s RM", null);
    }
    return new YarnClusterMetrics(
        number(metrics, "pendingMB"),
        number(metrics, "pendingVirtualCores"),
        number(metrics, "containersPending"),
        number(metrics, "availableMB"),
        number(metrics, "availableVirtualCores"),
        (int) number(metrics, "activeNodes"));
  }

  private static URI uri(ClusterConfig cluster, String path) {
    String base = cluster.resourceManagerUrl().toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new PeerReadException("RM node without " + field, null);
    }
    return value.coerceStringValue();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.coerceStringValue();
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? 0 : value.getLongValue();
  }
}
