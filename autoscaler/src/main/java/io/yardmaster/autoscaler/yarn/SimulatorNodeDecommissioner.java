package io.yardmaster.autoscaler.yarn;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.core.Roles;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decommission through the simulator's RM admin endpoints: the RM emulator at {@code
 * .../sim/{cluster}/rm} has {@code .../sim/{cluster}/rm-admin/decommission} and {@code
 * /recommission}. Recommission is what YARN does when a host leaves the exclude list: a node still
 * decommissioning runs again; a decommissioned one has shut down and stays so.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(property = AutoscalerConfig.DECOMMISSIONER, value = AutoscalerConfig.SIMULATOR)
public final class SimulatorNodeDecommissioner implements NodeDecommissioner {
  private final PeerClient http;

  public SimulatorNodeDecommissioner(PeerClient http) {
    this.http = http;
  }

  @Override
  public void decommission(ClusterConfig cluster, Set<String> hosts) {
    post(cluster, "decommission", hosts);
  }

  @Override
  public void recommission(ClusterConfig cluster, Set<String> hosts) {
    post(cluster, "recommission", hosts);
  }

  private void post(ClusterConfig cluster, String action, Set<String> hosts) {
    http.send(
        Peer.resourceManager(cluster.name()),
        "POST",
        PeerClient.join(admin(cluster), action),
        Map.of("nodes", List.copyOf(hosts.stream().sorted().toList())));
  }

  /** The emulator's admin base beside its RM: {@code .../sim/alpha/rm} → {@code .../rm-admin}. */
  private static URI admin(ClusterConfig cluster) {
    return URI.create(cluster.resourceManagerUrl().toString().replaceAll("/+$", "") + "-admin");
  }
}
