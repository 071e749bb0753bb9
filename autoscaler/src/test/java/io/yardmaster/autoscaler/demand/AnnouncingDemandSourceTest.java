package io.yardmaster.autoscaler.demand;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.core.registry.ClusterConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnouncingDemandSourceTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final ClusterConfig CLUSTER =
      TestClusters.cluster("c1", URI.create("http://livy"), URI.create("http://rm"));
  private static final Demand REPORTED =
      new Demand(4, 8192, List.of(new ContainerShape(1, 4, 8192)), Duration.ofSeconds(10), false);
  private static final DemandSource GRAPHITE =
      (cluster, now) -> new DemandReading(REPORTED, "graphite 10 s old");
  private static final ContainerShape EXECUTORS = new ContainerShape(6, 2, 4506);

  @Test
  void addsTheAnnouncedContainersToWhatYarnReports() {
    DemandReading reading =
        new AnnouncingDemandSource(GRAPHITE, cluster -> List.of(EXECUTORS)).read(CLUSTER, NOW);

    assertThat(reading.demand().pendingShapes()).isEqualTo(REPORTED.pendingShapes());
    assertThat(reading.demand().announcedShapes()).containsExactly(EXECUTORS);
    assertThat(reading.note()).contains("6 containers announced");
  }

  @Test
  void anUnreadableAnnouncementLeavesTheReportedDemandAndSaysSo() {
    AnnouncedDemand broken =
        cluster -> {
          throw new IllegalStateException("database down");
        };

    DemandReading reading = new AnnouncingDemandSource(GRAPHITE, broken).read(CLUSTER, NOW);

    assertThat(reading.demand()).isEqualTo(REPORTED);
    assertThat(reading.note()).contains("announced demand unreadable: database down");
  }

  @Test
  void theCrossCheckWithTheResourceManagerKeepsTheAnnouncedContainers() {
    DemandReading announced =
        new AnnouncingDemandSource(GRAPHITE, cluster -> List.of(EXECUTORS)).read(CLUSTER, NOW);
    YarnClusterMetrics rm = new YarnClusterMetrics(16384, 8, 2, 0, 0, 3);

    DemandReading combined = DemandCrossCheck.combine(announced, Optional.of(rm));

    assertThat(combined.demand().pendingMemoryMb()).isEqualTo(16384);
    assertThat(combined.demand().announcedShapes()).containsExactly(EXECUTORS);
  }
}
