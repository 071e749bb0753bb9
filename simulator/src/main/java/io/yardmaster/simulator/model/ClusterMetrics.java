package io.yardmaster.simulator.model;

/**
 * A cluster's metrics at one instant, named as in the RM's {@code /ws/v1/cluster/metrics}. App
 * counters count since the cluster started; the rest are current values.
 */
public record ClusterMetrics(
    long appsSubmitted,
    long appsCompleted,
    long appsPending,
    long appsRunning,
    long appsFailed,
    long appsKilled,
    long allocatedMb,
    long allocatedVirtualCores,
    long availableMb,
    long availableVirtualCores,
    long pendingMb,
    long pendingVirtualCores,
    long totalMb,
    long totalVirtualCores,
    long containersAllocated,
    long containersPending,
    int totalNodes,
    int activeNodes,
    int decommissioningNodes,
    int decommissionedNodes,
    int lostNodes) {}
