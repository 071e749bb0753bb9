package io.yardmaster.core.registry;

import static io.yardmaster.core.registry.ConfigurationErrors.atLeast;
import static io.yardmaster.core.registry.ConfigurationErrors.checkName;
import static io.yardmaster.core.registry.ConfigurationErrors.required;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * A VM scale set whose VMs run NodeManagers of one cluster. Bound from {@code
 * yardmaster.node-pools.<name>.*}. {@code spare-nodes}: free nodes the autoscaler keeps ready
 * beyond demand, so that a burst starts without waiting for a boot.
 */
@EachProperty(NodePoolConfig.PREFIX)
public record NodePoolConfig(
    @Parameter String name,
    @Nullable String cluster,
    @Nullable String scaleSetId,
    @Nullable String skuName,
    @Nullable Integer vmCores,
    @Nullable Integer vmMemoryMb,
    @Nullable Integer nodeManagerVcores,
    @Nullable Integer nodeManagerMemoryMb,
    @Nullable Priority priority,
    @Nullable Integer minNodes,
    @Nullable Integer maxNodes,
    @Nullable Integer preference,
    @Nullable Integer spareNodes) {

  public static final String PREFIX = "yardmaster.node-pools";

  public NodePoolConfig {
    checkName(PREFIX, name);
    String key = PREFIX + "." + name + ".";
    required(key + "cluster", cluster);
    required(key + "scale-set-id", scaleSetId);
    if (!scaleSetId.startsWith("/subscriptions/")
        || !scaleSetId.contains("/providers/Microsoft.Compute/virtualMachineScaleSets/")) {
      throw new InvalidConfigurationException(
          key
              + "scale-set-id must be an ARM id /subscriptions/../resourceGroups/../providers/"
              + "Microsoft.Compute/virtualMachineScaleSets/<name>, got '"
              + scaleSetId
              + "'");
    }
    required(key + "sku-name", skuName);
    vmCores = atLeast(key + "vm-cores", required(key + "vm-cores", vmCores), 0, 1);
    vmMemoryMb = atLeast(key + "vm-memory-mb", required(key + "vm-memory-mb", vmMemoryMb), 0, 1);
    nodeManagerVcores = atLeast(key + "node-manager-vcores", nodeManagerVcores, vmCores, 1);
    nodeManagerMemoryMb =
        atLeast(key + "node-manager-memory-mb", nodeManagerMemoryMb, vmMemoryMb * 7 / 8, 1);
    if (nodeManagerVcores > vmCores * 4 || nodeManagerMemoryMb > vmMemoryMb) {
      throw new InvalidConfigurationException(
          key + "node-manager-memory-mb/vcores exceed what a " + skuName + " VM has");
    }
    priority = priority == null ? Priority.ON_DEMAND : priority;
    minNodes = atLeast(key + "min-nodes", minNodes, 0, 0);
    maxNodes = atLeast(key + "max-nodes", maxNodes, 100, 0);
    if (maxNodes < minNodes) {
      throw new InvalidConfigurationException(
          key + "max-nodes (" + maxNodes + ") is below min-nodes (" + minNodes + ")");
    }
    preference = atLeast(key + "preference", preference, 100, 0);
    spareNodes = atLeast(key + "spare-nodes", spareNodes, 0, 0);
    if (spareNodes > maxNodes) {
      throw new InvalidConfigurationException(
          key + "spare-nodes (" + spareNodes + ") is above max-nodes (" + maxNodes + ")");
    }
  }

  public Sku sku() {
    return new Sku(skuName, vmCores, vmMemoryMb, nodeManagerVcores, nodeManagerMemoryMb);
  }
}
