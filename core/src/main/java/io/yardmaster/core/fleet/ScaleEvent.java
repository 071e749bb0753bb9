package io.yardmaster.core.fleet;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One step of the autoscaler that changed a pool's size: a grow written to the scale set, or the
 * delete of a shrink's free VMs.
 *
 * @param at when the tick that took the step was scheduled
 * @param capacity the scale set's capacity the tick read; null when that read failed
 * @param target the capacity the step asked for
 * @param removedInstanceIds SHRINK: the scale-set instance ids deleted; empty for GROW
 */
public record ScaleEvent(
    String pool,
    Instant at,
    Kind kind,
    @Nullable Integer capacity,
    int target,
    List<String> removedInstanceIds) {
  /** Which way the pool went. */
  public enum Kind {
    GROW,
    SHRINK
  }

  public ScaleEvent {
    requireNonNull(pool, "pool is null");
    requireNonNull(at, "at is null");
    requireNonNull(kind, "kind is null");
    removedInstanceIds = List.copyOf(removedInstanceIds);
  }
}
