package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One step of a pool's history, aggregated in the database from the ticks stored in it. Every
 * number is the maximum over the step's ticks: a peak inside a step is what capacity has to meet,
 * so it is kept rather than averaged away.
 *
 * @param start the step's first instant (the step is [start, start + step))
 * @param ticks how many decisions the step holds (0 never appears: a step without ticks is left
 *     out)
 * @param capacity the scale set's capacity read, null when every read of the step failed
 * @param target the decisions' target node count
 * @param nodes the pool's NodeManagers known to YARN
 * @param busyNodes nodes minus free nodes: nodes running at least one container
 * @param bootingVms VMs of the scale set not yet registered as NodeManagers
 * @param pendingVcores vcores YARN's pending requests of the cluster asked for
 * @param pendingMemoryMb memory YARN's pending requests of the cluster asked for
 * @param pendingNodes the pending demand in this pool's nodes: the larger of the pending vcores and
 *     the pending memory, each divided by what one NodeManager offers, rounded up
 */
@Serdeable
public record HistoryBucket(
    Instant start,
    int ticks,
    @Nullable Integer capacity,
    int target,
    int nodes,
    int busyNodes,
    int bootingVms,
    long pendingVcores,
    long pendingMemoryMb,
    long pendingNodes) {
  public HistoryBucket {
    requireNonNull(start, "start is null");
  }
}
