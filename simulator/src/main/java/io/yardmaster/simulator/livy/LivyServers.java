package io.yardmaster.simulator.livy;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.SimulatorConfig;
import io.yardmaster.simulator.model.SimulatedCluster;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One simulated Livy server per simulated cluster. */
@Singleton
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class LivyServers {
  private final Map<String, LivyServer> servers = new LinkedHashMap<>();

  public LivyServers(SimulatedFleet simulated) {
    long seed = simulated.config().seed();
    for (SimulatedCluster cluster : simulated.fleet().clusters()) {
      String resourceManagerUrl =
          simulated
              .clusterConfig(cluster.name())
              .map(config -> config.resourceManagerUrl().toString())
              .orElse("http://localhost/sim/" + cluster.name() + "/rm");
      servers.put(
          cluster.name(),
          new LivyServer(
              simulated.fleet(),
              cluster,
              resourceManagerUrl.replaceAll("/+$", ""),
              simulated.config().sparkSubmitTime(),
              seed + cluster.name().hashCode()));
    }
  }

  public Optional<LivyServer> server(String cluster) {
    return Optional.ofNullable(servers.get(cluster));
  }
}
