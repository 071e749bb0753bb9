package io.yardmaster.autoscaler;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.yardmaster.autoscaler.nodepool.azure.AzureConfig;
import io.yardmaster.autoscaler.yarn.YarnAdminTarget;
import io.yardmaster.core.EmbeddedDefault;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.InvalidConfigurationException;
import io.yardmaster.core.registry.NodePoolConfig;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the autoscaler needs before its first tick, checked at start-up, so that a production
 * configuration that forgets a key fails now rather than at the first shrink: every cluster with
 * node pools has its RM admin settings, Azure credentials bind, and no simulator part (the
 * simulator's decommission endpoint, a plain-http ARM endpoint without credentials) is used outside
 * the embedded default.
 */
@Context
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class StartupChecks {
  public StartupChecks(
      Environment environment,
      ClusterRegistry registry,
      AutoscalerConfig config,
      BeanProvider<AzureConfig> azureConfig,
      List<YarnAdminTarget> yarnAdmin) {
    List<NodePoolConfig> pools = registry.pools();
    if (pools.isEmpty()) {
      return;
    }
    if (config.decommissioner().equals(AutoscalerConfig.SIMULATOR)) {
      EmbeddedDefault.require(
          environment, AutoscalerConfig.DECOMMISSIONER + "=" + AutoscalerConfig.SIMULATOR);
    } else {
      Set<String> configured =
          yarnAdmin.stream().map(YarnAdminTarget::name).collect(Collectors.toSet());
      for (NodePoolConfig pool : pools) {
        if (!configured.contains(pool.cluster())) {
          throw new InvalidConfigurationException(
              YarnAdminTarget.PREFIX
                  + "."
                  + pool.cluster()
                  + ".exclude-file is required: node pool "
                  + pool.name()
                  + " shrinks by decommissioning its NodeManagers through cluster "
                  + pool.cluster()
                  + "'s ResourceManager (the file is its yarn.resourcemanager.nodes.exclude-path)");
        }
      }
    }
    AzureConfig azure = azureConfig.get();
    if (!azure.authenticated()) {
      EmbeddedDefault.require(
          environment, AzureConfig.PREFIX + ".endpoint=" + azure.endpoint() + " (no credentials)");
    }
  }
}
