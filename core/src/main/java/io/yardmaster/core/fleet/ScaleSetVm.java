package io.yardmaster.core.fleet;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One VM of a scale set as the cloud lists it.
 *
 * @param instanceId the scale-set instance id (never reused within the scale set)
 * @param name the VM resource name
 * @param region the Azure region (location) the VM runs in
 * @param createdAt when the VM was created, when billing starts; null if the cloud does not say
 */
public record ScaleSetVm(
    String instanceId, String name, String region, @Nullable Instant createdAt) {
  public ScaleSetVm {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(name, "name is null");
    requireNonNull(region, "region is null");
  }
}
