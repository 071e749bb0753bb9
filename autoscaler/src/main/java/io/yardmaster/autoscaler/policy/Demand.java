package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A cluster's unmet demand as last read: pending resources and, when known, the shapes of the
 * pending containers (from Graphite only aggregates are known: one averaged shape).
 *
 * @param age how old the newest non-null point was at the tick
 * @param stale older than about three sink periods, or missing: the policy must not shrink
 */
public record Demand(
    long pendingVcores,
    long pendingMemoryMb,
    List<ContainerShape> pendingShapes,
    Duration age,
    boolean stale) {
  public Demand {
    requireNonNull(age, "age is null");
    pendingShapes = List.copyOf(pendingShapes);
  }

  public static Demand missing() {
    return new Demand(0, 0, List.of(), Duration.ZERO, true);
  }
}
