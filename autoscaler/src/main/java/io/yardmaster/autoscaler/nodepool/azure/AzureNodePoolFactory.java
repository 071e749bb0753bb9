package io.yardmaster.autoscaler.nodepool.azure;

import com.azure.resourcemanager.compute.ComputeManager;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.NodePoolConfig;
import java.time.Clock;

/** One {@link VmssNodePool} per configured node pool, named like it. */
@Factory
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class AzureNodePoolFactory {

  @EachBean(NodePoolConfig.class)
  NodePool nodePool(NodePoolConfig pool, AzureComputeClients clients, Clock clock) {
    ArmScaleSetId id = ArmScaleSetId.parse(pool.scaleSetId());
    ComputeManager manager = clients.manager(id.subscriptionId());
    AzureConfig config = clients.config();
    return new VmssNodePool(
        pool.name(),
        id,
        manager.serviceClient().getVirtualMachineScaleSets(),
        manager.serviceClient().getVirtualMachineScaleSetVMs(),
        manager.serviceClient().getHttpPipeline(),
        config.endpoint(),
        clock);
  }
}
