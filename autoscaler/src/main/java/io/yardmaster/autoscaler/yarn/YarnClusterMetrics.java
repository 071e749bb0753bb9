package io.yardmaster.autoscaler.yarn;

/** The parts of {@code /ws/v1/cluster/metrics} the autoscaler cross-checks demand with. */
public record YarnClusterMetrics(
    long pendingMb,
    long pendingVcores,
    long containersPending,
    long availableMb,
    long availableVcores,
    int activeNodes) {}
