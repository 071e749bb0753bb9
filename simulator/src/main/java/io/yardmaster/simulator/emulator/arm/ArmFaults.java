package io.yardmaster.simulator.emulator.arm;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Faults injected by tests: the next requests to a scale set (get, update, list VMs, delete
 * instances; not operation polling) answer with an error status or only after a delay.
 */
@Singleton
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmFaults {
  private final Map<String, Deque<ArmFault>> pending = new HashMap<>();
  private final Map<String, Deque<String>> failingOperations = new HashMap<>();

  /** The next {@code times} requests to the scale set get {@code fault}, after those queued. */
  public synchronized void inject(String armId, ArmFault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    Deque<ArmFault> queue =
        pending.computeIfAbsent(armId.toLowerCase(Locale.ROOT), key -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(fault);
    }
  }

  /** Takes the fault for the next request to the scale set, if one is queued. */
  public synchronized Optional<ArmFault> next(String armId) {
    Deque<ArmFault> queue = pending.get(armId.toLowerCase(Locale.ROOT));
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
  }

  /**
   * The next {@code times} writes to the scale set are accepted but their long-running operation
   * ends Failed with ARM error {@code code} (e.g. {@code AllocationFailed}).
   */
  public synchronized void failOperations(String armId, String code, int times) {
    if (times < 1 || code == null || code.isBlank()) {
      throw new IllegalArgumentException("need an error code and a positive count");
    }
    Deque<String> queue =
        failingOperations.computeIfAbsent(
            armId.toLowerCase(Locale.ROOT), key -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(code);
    }
  }

  /** The error code the next accepted write's operation fails with, if one is queued. */
  public synchronized Optional<String> nextOperationFailure(String armId) {
    Deque<String> queue = failingOperations.get(armId.toLowerCase(Locale.ROOT));
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
  }

  /** Faults still queued for the scale set. */
  public synchronized int pending(String armId) {
    Deque<ArmFault> queue = pending.get(armId.toLowerCase(Locale.ROOT));
    return queue == null ? 0 : queue.size();
  }

  public synchronized void clear() {
    pending.clear();
    failingOperations.clear();
  }
}
