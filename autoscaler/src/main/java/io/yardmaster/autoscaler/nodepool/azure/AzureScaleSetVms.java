package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import io.yardmaster.core.fleet.ScaleSetVm;
import io.yardmaster.core.fleet.ScaleSetVms;
import io.yardmaster.core.registry.NodePoolConfig;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale sets' VM lists for the cost role's VM bill, through the same Azure SDK clients the
 * autoscaler scales with (one list call per pool, without the instance view: creation time and
 * region are on the VM's model). Not tied to the autoscaler role: a replica running only the cost
 * role reads them too.
 */
@Singleton
public final class AzureScaleSetVms implements ScaleSetVms {
  private final AzureComputeClients clients;

  public AzureScaleSetVms(AzureComputeClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  public List<ScaleSetVm> list(NodePoolConfig pool) {
    ArmScaleSetId id = ArmScaleSetId.parse(pool.scaleSetId());
    List<ScaleSetVm> result = new ArrayList<>();
    for (VirtualMachineScaleSetVMInner vm :
        clients
            .manager(id.subscriptionId())
            .serviceClient()
            .getVirtualMachineScaleSetVMs()
            .list(id.resourceGroup(), id.name(), null, null, null, Context.NONE)) {
      result.add(
          new ScaleSetVm(
              vm.instanceId(),
              vm.name() == null ? vm.instanceId() : vm.name(),
              vm.location() == null ? "" : vm.location(),
              vm.timeCreated() == null ? null : vm.timeCreated().toInstant()));
    }
    return List.copyOf(result);
  }
}
