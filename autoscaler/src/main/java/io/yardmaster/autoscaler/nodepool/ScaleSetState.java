package io.yardmaster.autoscaler.nodepool;

import static java.util.Objects.requireNonNull;

/**
 * A read of a scale set.
 *
 * @param id the ARM resource id
 * @param skuName the VM size, e.g. {@code Standard_D8s_v5}
 * @param capacity the number of VMs the scale set has (booting or running)
 * @param etag the version of this read, for {@link NodePool#setCapacity(int, String)}
 * @param provisioningState {@code Succeeded}, {@code Updating}, {@code Failed}, ...
 */
public record ScaleSetState(
    String id, String skuName, int capacity, String etag, String provisioningState) {
  public ScaleSetState {
    requireNonNull(id, "id is null");
    requireNonNull(skuName, "skuName is null");
    requireNonNull(etag, "etag is null");
    requireNonNull(provisioningState, "provisioningState is null");
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity is negative: " + capacity);
    }
  }
}
