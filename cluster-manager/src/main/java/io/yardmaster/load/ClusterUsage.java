package io.yardmaster.load;

import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.core.peer.rm.RmClusterMetrics;
import java.time.Instant;

/**
 * How full a cluster was at its last ResourceManager reading ({@code /ws/v1/cluster/metrics}):
 * memory and vcores allocated or reserved, out of the total its NodeManagers offer.
 */
@Serdeable
public record ClusterUsage(
    long usedMb, long totalMb, long usedVcores, long totalVcores, int appsPending, Instant readAt) {

  /** The usage in the RM's metrics, read at {@code when}. */
  public static ClusterUsage of(RmClusterMetrics metrics, Instant when) {
    return new ClusterUsage(
        metrics.allocatedMb() + metrics.reservedMb(),
        metrics.totalMb(),
        metrics.allocatedVirtualCores() + metrics.reservedVirtualCores(),
        metrics.totalVirtualCores(),
        metrics.appsPending(),
        when);
  }

  /** The fuller of memory and vcores, as a fraction; a cluster without nodes is full. */
  public double utilisation(long extraMb) {
    if (totalMb <= 0 || totalVcores <= 0) {
      return 1.0 + appsPending;
    }
    return Math.max((double) (usedMb + extraMb) / totalMb, (double) usedVcores / totalVcores);
  }
}
