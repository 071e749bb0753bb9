package io.yardmaster.autoscaler.yarn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.http.JsonGet;
import io.yardmaster.core.Roles;
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
  private final JsonGet http;

  public SimulatorNodeDecommissioner(JsonMapper mapper, AutoscalerConfig config) {
    this.http = new JsonGet(mapper, config.peerTimeout());
  }

  @Override
  public void decommission(ClusterConfig cluster, Set<String> hosts) {
    http.post(
        URI.create(base(cluster) + "-admin/decommission"),
        Map.of("nodes", List.copyOf(hosts.stream().sorted().toList())));
  }

  @Override
  public void recommission(ClusterConfig cluster, Set<String> hosts) {
    http.post(
        URI.create(base(cluster) + "-admin/recommission"),
        Map.of("nodes", List.copyOf(hosts.stream().sorted().toList())));
  }

  private static String base(ClusterConfig cluster) {
    return cluster.resourceManagerUrl().toString().replaceAll("/+$", "");
  }
}
