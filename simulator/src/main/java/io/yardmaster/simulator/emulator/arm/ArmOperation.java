package io.yardmaster.simulator.emulator.arm;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/**
 * A long-running operation as the emulator tracks it.
 *
 * @param id the operation id in the Azure-AsyncOperation URL
 * @param armId the scale set it changes
 * @param location the region in its URL
 * @param startMillis when it began (simulated)
 * @param earliestEndMillis it reports InProgress at least until then
 * @param waitsForBoot whether it also waits until every VM of the scale set has booted
 * @param failureCode the ARM error code it ends Failed with (an injected fault), or null
 */
record ArmOperation(
    String id,
    String armId,
    String location,
    long startMillis,
    long earliestEndMillis,
    boolean waitsForBoot,
    @Nullable String failureCode) {
  ArmOperation {
    requireNonNull(id, "id is null");
    requireNonNull(armId, "armId is null");
    requireNonNull(location, "location is null");
  }
}
