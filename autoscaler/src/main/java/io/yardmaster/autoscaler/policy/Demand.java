package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A cluster's unmet demand as last read: pending resources and, when known, the shapes of the
 * pending containers (from Graphite only aggregates are known: one averaged shape), plus the
 * containers announced ahead of YARN.
 *
 * @param age how old the newest non-null point was at the tick
 * @param stale older than about three sink periods, or missing: the policy must not shrink
 * @param announcedShapes containers YARN has not been asked for yet but will be: the executors of
 *     jobs whose driver has not started (Spark asks for executors only once its driver runs) and
 *     the drivers of jobs not yet submitted to YARN, as the cluster manager knows them from each
 *     job's request. Growing for them while the driver's VM boots saves a second boot.
 */
public record Demand(
    long pendingVcores,
    long pendingMemoryMb,
    List<ContainerShape> pendingShapes,
    Duration age,
    boolean stale,
    List<ContainerShape> announcedShapes) {
  public Demand {
    requireNonNull(age, "age is null");
    pendingShapes = List.copyOf(pendingShapes);
    announcedShapes = List.copyOf(announcedShapes);
  }

  /** Demand as YARN reports it, with nothing announced. */
  public Demand(
      long pendingVcores,
      long pendingMemoryMb,
      List<ContainerShape> pendingShapes,
      Duration age,
      boolean stale) {
    this(pendingVcores, pendingMemoryMb, pendingShapes, age, stale, List.of());
  }

  public static Demand missing() {
    return new Demand(0, 0, List.of(), Duration.ZERO, true);
  }

  /** This demand with these containers announced (replacing any announced before). */
  public Demand withAnnounced(List<ContainerShape> announced) {
    return new Demand(pendingVcores, pendingMemoryMb, pendingShapes, age, stale, announced);
  }

  /** Containers announced, summed over shapes. */
  public long announcedContainers() {
    long total = 0;
    for (ContainerShape shape : announcedShapes) {
      total += shape.count();
    }
    return total;
  }
}
