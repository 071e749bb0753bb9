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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decommission through the simulator's RM admin endpoint: the RM emulator at {@code
 * .../sim/{cluster}/rm} has {@code .../sim/{cluster}/rm-admin/decommission}. The simulator has no
 * recommission: a host taken out of the exclude list there is only logged (its VM is deleted).
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(
    property = AutoscalerConfig.DECOMMISSIONER,
    value = AutoscalerConfig.SIMULATOR,
    defaultValue = AutoscalerConfig.SIMULATOR)
public final class SimulatorNodeDecommissioner implements NodeDecommissioner {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorNodeDecommissioner.class);

  private final JsonGet http;

  public SimulatorNodeDecommissioner(JsonMapper mapper, AutoscalerConfig config) {
    this.http = new JsonGet(mapper, config.peerTimeout());
  }

  @Override
  public void decommission(ClusterConfig cluster, Set<String> hosts) {
    String base = cluster.resourceManagerUrl().toString().replaceAll("/+$", "");
    http.post(
        URI.create(base + "-admin/decommission"),
        Map.of("nodes", List.copyOf(hosts.stream().sorted().toList())));
  }

  @Override
  public void recommission(ClusterConfig cluster, Set<String> hosts) {
    LOG.info(
        "{}: hosts {} leave the exclude list (the simulator keeps none)", cluster.name(), hosts);
  }
}
