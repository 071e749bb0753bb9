package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.core.Roles;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.peer.rm.RmClusterMetrics;
import io.yardmaster.core.peer.rm.RmNode;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The autoscaler's view of a ResourceManager, read through the typed {@link ResourceManagerClient}.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class RestResourceManager implements ResourceManager {
  private final ResourceManagerClient client;

  public RestResourceManager(ResourceManagerClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  @Override
  public List<YarnNode> nodes(ClusterConfig cluster) {
    return client.nodes(cluster).stream().map(RestResourceManager::node).toList();
  }

  @Override
  public YarnClusterMetrics metrics(ClusterConfig cluster) {
    RmClusterMetrics metrics = client.metrics(cluster);
    return new YarnClusterMetrics(
        metrics.pendingMb(),
        metrics.pendingVirtualCores(),
        metrics.containersPending(),
        metrics.availableMb(),
        metrics.availableVirtualCores(),
        metrics.activeNodes());
  }

  private static YarnNode node(RmNode node) {
    return new YarnNode(
        node.id(),
        node.hostName(),
        node.state(),
        node.containers(),
        node.usedVcores(),
        node.usedMemoryMb(),
        node.availableVcores(),
        node.availableMemoryMb(),
        node.httpAddress());
  }
}
