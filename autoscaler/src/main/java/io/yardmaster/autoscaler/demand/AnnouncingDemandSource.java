package io.yardmaster.autoscaler.demand;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.registry.ClusterConfig;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demand source with the cluster's {@link AnnouncedDemand} added. Announced containers can only
 * make the pool grow or hold, never shrink, so a failed read of them is noted and the tick goes on
 * with what YARN reports.
 */
public final class AnnouncingDemandSource implements DemandSource {
  private static final Logger LOG = LoggerFactory.getLogger(AnnouncingDemandSource.class);

  private final DemandSource reported;
  private final AnnouncedDemand announced;

  public AnnouncingDemandSource(DemandSource reported, AnnouncedDemand announced) {
    this.reported = requireNonNull(reported, "reported is null");
    this.announced = requireNonNull(announced, "announced is null");
  }

  @Override
  public DemandReading read(ClusterConfig cluster, Instant now) {
    DemandReading reading = reported.read(cluster, now);
    List<ContainerShape> shapes;
    try {
      shapes = announced.announced(cluster);
    } catch (RuntimeException e) {
      LOG.warn("announced demand of {} unreadable: {}", cluster.name(), e.toString());
      return new DemandReading(
          reading.demand(), reading.note() + "; announced demand unreadable: " + e.getMessage());
    }
    if (shapes.isEmpty()) {
      return reading;
    }
    long containers = shapes.stream().mapToLong(ContainerShape::count).sum();
    return new DemandReading(
        reading.demand().withAnnounced(shapes),
        reading.note() + "; " + containers + " containers announced by starting jobs");
  }
}
