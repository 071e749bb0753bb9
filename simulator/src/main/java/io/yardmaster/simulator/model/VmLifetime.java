package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import java.time.Instant;

/** One VM's life, for billing: which scale set and SKU, and when it was created/ran/was deleted. */
public record VmLifetime(
    String scaleSetId,
    String poolName,
    String clusterName,
    String skuName,
    Priority priority,
    SimulatedVm vm) {
  public VmLifetime {
    requireNonNull(scaleSetId, "scaleSetId is null");
    requireNonNull(poolName, "poolName is null");
    requireNonNull(clusterName, "clusterName is null");
    requireNonNull(skuName, "skuName is null");
    requireNonNull(priority, "priority is null");
    requireNonNull(vm, "vm is null");
  }

  public long billedSeconds(Instant now) {
    return vm.billedSeconds(now);
  }
}
