package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one scale-set VM.
 *
 * @param instanceId the VMSS instance id ({@code "0"}, {@code "1"}, ...), never reused
 * @param name the VM resource name, {@code <scaleSetName>_<instanceId>}
 * @param hostName the computer name, {@code <scaleSetName><instanceId in base 36, 6 digits>}, also
 *     the NodeManager host name
 * @param state creating / running / deleted
 * @param createdAt when the VM was created (billing starts)
 * @param runningAt when it finished booting and its NodeManager registered, or null
 * @param deletedAt when it was deleted (billing stops), or null
 */
public record SimulatedVm(
    String instanceId,
    String name,
    String hostName,
    VmState state,
    Instant createdAt,
    Instant runningAt,
    Instant deletedAt) {
  public SimulatedVm {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(name, "name is null");
    requireNonNull(hostName, "hostName is null");
    requireNonNull(state, "state is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  public String provisioningState() {
    return state.provisioningState();
  }

  public String powerState() {
    return state.powerState();
  }

  /** Seconds billed up to {@code now} (or up to deletion), rounded up to whole seconds. */
  public long billedSeconds(Instant now) {
    Instant end = deletedAt != null ? deletedAt : now;
    long millis = Math.max(0, Duration.between(createdAt, end).toMillis());
    return (millis + 999) / 1000;
  }
}
