package io.yardmaster.core.peer.rm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The envelopes of the ResourceManager's answers; an empty list may come as null or {@code {}}. */
final class RmAnswers {
  private RmAnswers() {}

  @Serdeable
  record Metrics(@Nullable MetricsFields clusterMetrics) {}

  /**
   * The fields as the RM names them, each optional: a missing one is 0 ({@code RmClusterMetrics}),
   * whatever the JSON reader's defaults for primitives.
   */
  @Serdeable
  record MetricsFields(
      @Nullable Integer appsPending,
      @Nullable @JsonProperty("allocatedMB") Long allocatedMb,
      @Nullable @JsonProperty("reservedMB") Long reservedMb,
      @Nullable @JsonProperty("availableMB") Long availableMb,
      @Nullable @JsonProperty("pendingMB") Long pendingMb,
      @Nullable @JsonProperty("totalMB") Long totalMb,
      @Nullable Long allocatedVirtualCores,
      @Nullable Long reservedVirtualCores,
      @Nullable Long availableVirtualCores,
      @Nullable Long pendingVirtualCores,
      @Nullable Long totalVirtualCores,
      @Nullable Long containersPending,
      @Nullable Integer activeNodes) {
    RmClusterMetrics metrics() {
      return new RmClusterMetrics(
          zero(appsPending),
          zero(allocatedMb),
          zero(reservedMb),
          zero(availableMb),
          zero(pendingMb),
          zero(totalMb),
          zero(allocatedVirtualCores),
          zero(reservedVirtualCores),
          zero(availableVirtualCores),
          zero(pendingVirtualCores),
          zero(totalVirtualCores),
          zero(containersPending),
          zero(activeNodes));
    }

    static long zero(@Nullable Long value) {
      return value == null ? 0 : value;
    }

    static int zero(@Nullable Integer value) {
      return value == null ? 0 : value;
    }
  }

  @Serdeable
  record NodeList(@Nullable List<NodeFields> node) {}

  /** A node as the RM names its fields, the counts optional. */
  @Serdeable
  record NodeFields(
      @Nullable String id,
      @Nullable String nodeHostName,
      @Nullable String state,
      @Nullable Integer numContainers,
      @Nullable Integer usedVirtualCores,
      @Nullable @JsonProperty("usedMemoryMB") Long usedMemoryMb,
      @Nullable Integer availableVirtualCores,
      @Nullable @JsonProperty("availMemoryMB") Long availMemoryMb,
      @Nullable @JsonProperty("nodeHTTPAddress") String nodeHttpAddress) {
    RmNode node() {
      return new RmNode(
          id,
          nodeHostName,
          state,
          MetricsFields.zero(numContainers),
          MetricsFields.zero(usedVirtualCores),
          MetricsFields.zero(usedMemoryMb),
          MetricsFields.zero(availableVirtualCores),
          MetricsFields.zero(availMemoryMb),
          nodeHttpAddress);
    }
  }

  @Serdeable
  record Nodes(@Nullable NodeList nodes) {}

  @Serdeable
  record AppList(@Nullable List<RmApplication> app) {}

  @Serdeable
  record Apps(@Nullable AppList apps) {}

  @Serdeable
  record State(String state) {}
}
