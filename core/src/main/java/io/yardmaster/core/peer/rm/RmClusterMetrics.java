package io.yardmaster.core.peer.rm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The ResourceManager's {@code /ws/v1/cluster/metrics} ({@code clusterMetrics}), the fields
 * Yardmaster reads: what routing weighs a cluster by (allocated and reserved out of the total) and
 * what the autoscaler cross-checks demand with (pending). A field the RM leaves out reads as 0.
 */
@Serdeable
public record RmClusterMetrics(
    int appsPending,
    @JsonProperty("allocatedMB") long allocatedMb,
    @JsonProperty("reservedMB") long reservedMb,
    @JsonProperty("availableMB") long availableMb,
    @JsonProperty("pendingMB") long pendingMb,
    @JsonProperty("totalMB") long totalMb,
    long allocatedVirtualCores,
    long reservedVirtualCores,
    long availableVirtualCores,
    long pendingVirtualCores,
    long totalVirtualCores,
    long containersPending,
    int activeNodes) {}
