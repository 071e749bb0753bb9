package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.simulator.model.ClusterMetrics;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's ResourceManager as the model has it, what {@code /ws/v1/cluster/nodes} (every node it
 * ever registered, in any state) and {@code /ws/v1/cluster/metrics} would answer.
 */
public final class ModelResourceManager implements ResourceManager {
  /** The NodeManager web port in {@link YarnNode#httpAddress()}. */
  static final int NODE_MANAGER_HTTP_PORT = 8042;

  private final Fleet fleet;

  public ModelResourceManager(Fleet fleet) {
    this.fleet = requireNonNull(fleet, "fleet is null");
  }

  @Override
  public List<YarnNode> nodes(ClusterConfig config) {
    SimulatedCluster cluster = cluster(config);
    return fleet.locked(
        () -> {
          List<YarnNode> nodes = new ArrayList<>();
          for (SimulatedNode node : cluster.nodes()) {
            Resources used = node.used();
            Resources available = node.available();
            nodes.add(
                new YarnNode(
                    node.id(),
                    node.hostName(),
                    node.state().name(),
                    node.numContainers(),
                    (int) used.vcores(),
                    used.memoryMb(),
                    (int) available.vcores(),
                    available.memoryMb(),
                    node.hostName() + ":" + NODE_MANAGER_HTTP_PORT));
          }
          return nodes;
        });
  }

  @Override
  public YarnClusterMetrics metrics(ClusterConfig config) {
    ClusterMetrics metrics = cluster(config).metrics();
    return new YarnClusterMetrics(
        metrics.pendingMb(),
        metrics.pendingVirtualCores(),
        metrics.containersPending(),
        metrics.availableMb(),
        metrics.availableVirtualCores(),
        metrics.activeNodes());
  }

  private SimulatedCluster cluster(ClusterConfig config) {
    return fleet
        .cluster(config.name())
        .orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + config.name()));
  }
}
