package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedCluster;
import java.util.Set;

/** YARN graceful decommission on a simulated cluster, as the RM admin protocol would ask it. */
public final class ModelDecommissioner implements NodeDecommissioner {
  private final Fleet fleet;

  public ModelDecommissioner(Fleet fleet) {
    this.fleet = requireNonNull(fleet, "fleet is null");
  }

  @Override
  public void decommission(ClusterConfig config, Set<String> hosts) {
    SimulatedCluster cluster = cluster(config);
    hosts.forEach(cluster::decommission);
  }

  @Override
  public void recommission(ClusterConfig config, Set<String> hosts) {
    SimulatedCluster cluster = cluster(config);
    hosts.forEach(cluster::recommission);
  }

  private SimulatedCluster cluster(ClusterConfig config) {
    return fleet
        .cluster(config.name())
        .orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + config.name()));
  }
}
