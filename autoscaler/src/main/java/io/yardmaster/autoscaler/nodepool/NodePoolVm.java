package io.yardmaster.autoscaler.nodepool;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One VM of a scale set.
 *
 * @param instanceId the scale-set instance id, what {@link NodePool#deleteInstances} takes
 * @param name the VM resource name
 * @param hostName the computer name, which is also the NodeManager's host name
 * @param provisioningState {@code Creating}, {@code Succeeded}, {@code Deleting}, {@code Failed}
 * @param powerState from the instance view
 * @param createdAt when the VM was created (billing starts), or null if the cloud does not say
 */
public record NodePoolVm(
    String instanceId,
    String name,
    String hostName,
    String provisioningState,
    PowerState powerState,
    @Nullable Instant createdAt) {
  public NodePoolVm {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(name, "name is null");
    requireNonNull(hostName, "hostName is null");
    requireNonNull(provisioningState, "provisioningState is null");
    requireNonNull(powerState, "powerState is null");
  }

  /** Booted and running: its NodeManager may register. */
  public boolean isRunning() {
    return powerState == PowerState.RUNNING && "Succeeded".equalsIgnoreCase(provisioningState);
  }
}
