package io.yardmaster.core.peer.rm;

/**
 * The ResourceManager's {@code /ws/v1/cluster/metrics} ({@code clusterMetrics}), the fields
 * Yardmaster reads: what routing weighs a cluster by (allocated and reserved out of the total) and
 * what the autoscaler cross-checks demand with (pending). A field the RM leaves out reads as 0.
 */
public record RmClusterMetrics(
    int appsPending,
    long allocatedMb,
    long reservedMb,
    long availableMb,
    long pendingMb,
    long totalMb,
    long allocatedVirtualCores,
    long reservedVirtualCores,
    long availableVirtualCores,
    long pendingVirtualCores,
    long totalVirtualCores,
    long containersPending,
    int activeNodes) {}
