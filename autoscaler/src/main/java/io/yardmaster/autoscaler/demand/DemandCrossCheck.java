package io.yardmaster.autoscaler.demand;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Combines Graphite's demand with the RM's own {@code /ws/v1/cluster/metrics}. Graphite lags by up
 * to a sink period and goes silent when the sink gives up; the RM is the truth of this moment but
 * has no history. Growth uses the larger of the two; scale-in stays frozen whenever Graphite is
 * stale or missing, even if the RM answers.
 */
public final class DemandCrossCheck {
  private DemandCrossCheck() {}

  public static DemandReading combine(DemandReading graphite, Optional<YarnClusterMetrics> rm) {
    Demand fromGraphite = graphite.demand();
    if (rm.isEmpty()) {
      return new DemandReading(fromGraphite, graphite.note() + "; RM metrics unavailable");
    }
    YarnClusterMetrics metrics = rm.get();
    long vcores = Math.max(fromGraphite.pendingVcores(), metrics.pendingVcores());
    long memory = Math.max(fromGraphite.pendingMemoryMb(), metrics.pendingMb());
    List<ContainerShape> shapes =
        vcores == fromGraphite.pendingVcores() && memory == fromGraphite.pendingMemoryMb()
            ? fromGraphite.pendingShapes()
            : averageShape(metrics.containersPending(), vcores, memory);
    String note = graphite.note();
    if (fromGraphite.stale()) {
      note += "; growth from RM metrics, scale-in frozen";
    } else if (metrics.pendingMb() != fromGraphite.pendingMemoryMb()
        || metrics.pendingVcores() != fromGraphite.pendingVcores()) {
      note +=
          "; RM says pending "
              + metrics.pendingVcores()
              + " vcores / "
              + metrics.pendingMb()
              + " MB, using the larger";
    }
    Duration age = fromGraphite.age();
    Demand combined =
        new Demand(
            vcores, memory, shapes, age, fromGraphite.stale(), fromGraphite.announcedShapes());
    return new DemandReading(combined, note);
  }

  /** One averaged container shape: aggregates are all Graphite and the RM metrics give. */
  public static List<ContainerShape> averageShape(long containers, long vcores, long memoryMb) {
    if (containers <= 0 || vcores <= 0 && memoryMb <= 0) {
      return List.of();
    }
    int count = (int) Math.min(Integer.MAX_VALUE, containers);
    int shapeVcores = (int) Math.max(1, ceilDiv(vcores, containers));
    int shapeMemory = (int) Math.max(1, ceilDiv(memoryMb, containers));
    return List.of(new ContainerShape(count, shapeVcores, shapeMemory));
  }

  private static long ceilDiv(long value, long divisor) {
    return (value + divisor - 1) / divisor;
  }
}
