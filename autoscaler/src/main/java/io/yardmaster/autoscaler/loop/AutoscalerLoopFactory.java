package io.yardmaster.autoscaler.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.PolicyProperties;
import io.yardmaster.autoscaler.demand.AnnouncedDemand;
import io.yardmaster.autoscaler.demand.AnnouncingDemandSource;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The production loop: every configured pool, the configured policy, the application database, and
 * the demand the cluster manager announces when it runs in the same application.
 */
@Factory
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class AutoscalerLoopFactory {

  /**
   * The production policy at the configured operating point, unless another {@link ScalingPolicy}
   * is a bean.
   */
  @Singleton
  @Secondary
  ScalingPolicy yardmasterScalingPolicy(PolicyProperties properties) {
    return new YardmasterScalingPolicy(properties.policy());
  }

  @Singleton
  @Requires(beans = AutoscalerStore.class)
  AutoscalerLoop autoscalerLoop(
      ClusterRegistry registry,
      List<NodePool> pools,
      ResourceManager resourceManager,
      NodeManagerApps nodeManagerApps,
      DemandSource demandSource,
      Optional<AnnouncedDemand> announced,
      NodeDecommissioner decommissioner,
      ScalingPolicy policy,
      AutoscalerStore store,
      AutoscalerConfig config,
      @Nullable MeterRegistry meters) {
    return new AutoscalerLoop(
        registry,
        pools,
        resourceManager,
        nodeManagerApps,
        announced
            .<DemandSource>map(source -> new AnnouncingDemandSource(demandSource, source))
            .orElse(demandSource),
        decommissioner,
        policy,
        store,
        config,
        config.instanceId(),
        meters);
  }
}
