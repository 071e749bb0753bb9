package io.yardmaster.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * How full a cluster was at its last ResourceManager reading ({@code /ws/v1/cluster/metrics}):
 * memory and vcores allocated or reserved, out of the total its NodeManagers offer.
 */
@Serdeable
public record ClusterUsage(
    long usedMb, long totalMb, long usedVcores, long totalVcores, int appsPending, Instant readAt) {

  /** The fuller of memory and vcores, as a fraction; a cluster without nodes is full. */
  public double utilisation(long extraMb) {
    if (totalMb <= 0 || totalVcores <= 0) {
      return 1.0 + appsPending;
    }
    return Math.max((double) (usedMb + extraMb) / totalMb, (double) usedVcores / totalVcores);
  }

  /** The {@code clusterMetrics} object of the RM's REST API, with the fields routing needs. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Metrics(
      long allocatedMB,
      long reservedMB,
      long totalMB,
      long allocatedVirtualCores,
      long reservedVirtualCores,
      long totalVirtualCores,
      int appsPending) {
    ClusterUsage at(Instant when) {
      return new ClusterUsage(
          allocatedMB + reservedMB,
          totalMB,
          allocatedVirtualCores + reservedVirtualCores,
          totalVirtualCores,
          appsPending,
          when);
    }
  }

  /** The RM's answer: {@code {"clusterMetrics": {...}}}. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Response(Metrics clusterMetrics) {}
}
