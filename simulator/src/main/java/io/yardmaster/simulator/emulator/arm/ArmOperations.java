package io.yardmaster.simulator.emulator.arm;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.VmState;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The emulator's long-running operations and the write count per scale set (part of its ETag). An
 * operation reports InProgress until its earliest end and, for a capacity change, until every VM of
 * the scale set has booted; then Succeeded (or Failed, when a fault says so), with that instant as
 * its end.
 */
@Singleton
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmOperations {
  /** Ended operations are forgotten after an hour (simulated), as ARM's status URLs expire. */
  private static final long RETENTION_MILLIS = 3_600_000;

  private final Fleet fleet;
  private final Map<String, ArmOperation> operations = new HashMap<>();
  private final Map<String, Long> endMillis = new HashMap<>();
  private final Map<String, Long> writes = new HashMap<>();

  public ArmOperations(SimulatedFleet simulated) {
    this.fleet = simulated.fleet();
  }

  /** Records an accepted write and starts its operation. */
  synchronized ArmOperation begin(
      SimulatedScaleSet scaleSet,
      String location,
      long durationMillis,
      boolean waitsForBoot,
      @Nullable String failureCode) {
    long now = fleet.now().toEpochMilli();
    forgetEndedBefore(now - RETENTION_MILLIS);
    ArmOperation operation =
        new ArmOperation(
            UUID.randomUUID().toString(),
            scaleSet.armId(),
            location,
            now,
            now + durationMillis,
            waitsForBoot,
            failureCode);
    operations.put(operation.id(), operation);
    writes.merge(key(scaleSet.armId()), 1L, Long::sum);
    return operation;
  }

  synchronized Optional<ArmOperation> find(String id) {
    return Optional.ofNullable(operations.get(id));
  }

  /** The end of a finished operation (simulated epoch millis), or empty while in progress. */
  synchronized Optional<Long> end(ArmOperation operation) {
    Long end = endMillis.get(operation.id());
    if (end != null) {
      return Optional.of(end);
    }
    long now = fleet.now().toEpochMilli();
    if (now < operation.earliestEndMillis() || (operation.waitsForBoot() && booting(operation))) {
      return Optional.empty();
    }
    endMillis.put(operation.id(), now);
    return Optional.of(now);
  }

  /** Whether any operation on the scale set is still running. */
  synchronized boolean busy(String armId) {
    String key = key(armId);
    return operations.values().stream()
        .filter(operation -> key(operation.armId()).equals(key))
        .anyMatch(operation -> end(operation).isEmpty());
  }

  /** Accepted writes (capacity changes and deletes) to the scale set so far. */
  public synchronized long writes(String armId) {
    return writes.getOrDefault(key(armId), 0L);
  }

  private void forgetEndedBefore(long millis) {
    endMillis
        .entrySet()
        .removeIf(
            entry -> {
              boolean old = entry.getValue() < millis;
              if (old) {
                operations.remove(entry.getKey());
              }
              return old;
            });
  }

  private boolean booting(ArmOperation operation) {
    return fleet
        .scaleSet(operation.armId())
        .map(scaleSet -> scaleSet.vms().stream().anyMatch(vm -> vm.state() == VmState.CREATING))
        .orElse(false);
  }

  private static String key(String armId) {
    return armId.toLowerCase(Locale.ROOT);
  }
}
