package io.yardmaster.autoscaler.demand;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.core.Roles;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * Without Graphite: demand from the RM's {@code /ws/v1/cluster/metrics} alone (fresh when the RM
 * answers, missing when it does not).
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(missingProperty = GraphiteConfig.PREFIX + ".url")
public final class ResourceManagerDemandSource implements DemandSource {
  private final ResourceManager resourceManager;

  public ResourceManagerDemandSource(ResourceManager resourceManager) {
    this.resourceManager = requireNonNull(resourceManager, "resourceManager is null");
  }

  @Override
  public DemandReading read(ClusterConfig cluster, Instant now) {
    try {
      YarnClusterMetrics metrics = resourceManager.metrics(cluster);
      return new DemandReading(
          new Demand(
              metrics.pendingVcores(),
              metrics.pendingMb(),
              DemandCrossCheck.averageShape(
                  metrics.containersPending(), metrics.pendingVcores(), metrics.pendingMb()),
              Duration.ZERO,
              false),
          "RM metrics (no Graphite configured)");
    } catch (PeerException e) {
      return new DemandReading(Demand.missing(), "RM metrics unreadable: " + e.getMessage());
    }
  }
}
