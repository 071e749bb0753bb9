package io.yardmaster.autoscaler.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.yarn.RestResourceManager;
import io.yardmaster.autoscaler.yarn.SleepingYarnApps;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Demand end to end: a real ResourceManager (MiniYARNCluster, 2 NodeManagers of 4 GB) whose Hadoop
 * GraphiteSink writes to a real carbon, read back through graphite-web's render API by {@link
 * GraphiteDemandSource} with the paths the sink really writes.
 */
class YarnGraphiteSinkIT {

  /** The sink pushes every 2 s; the test Graphite stores 10 s points, the period that counts. */
  private static final Duration SINK_PUSH = Duration.ofSeconds(2);

  private static final Duration STORAGE_STEP = Duration.ofSeconds(10);

  private static CarbonLines.Peers graphite;
  private static String prefix;
  private static YarnClusterProcess yarn;
  private static SleepingYarnApps apps;

  @BeforeAll
  static void startYarnWithGraphiteSink() {
    graphite = CarbonLines.peers();
    prefix = "ymsink" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    yarn =
        YarnClusterProcess.start(
            PeerPaths.fromSystemProperties(),
            "graphite-sink-yarn",
            YarnClusterSpec.nodeManagers(2)
                .withGraphiteSink(
                    new YarnClusterSpec.GraphiteSink(
                        "127.0.0.1", graphite.carbonPort(), prefix, SINK_PUSH)));
    apps = new SleepingYarnApps(yarn.hadoopConfDir());
  }

  @AfterAll
  static void stopYarn() {
    if (apps != null) {
      apps.close();
    }
    if (yarn != null) {
      yarn.close();
    }
  }

  private static ClusterConfig cluster(String queue) {
    return TestClusters.withGraphite(
        "c1", URI.create("http://127.0.0.1:1/livy"), yarn.webUri(), prefix, queue);
  }

  @Test
  void pendingDemandTheNodesCannotServeIsReadUntilTheAppIsKilled() {
    GraphiteDemandSource source =
        new GraphiteDemandSource(
            new GraphiteConfig(URI.create(graphite.renderUrl()), STORAGE_STEP), TestPeers.client());
    RestResourceManager resourceManager = TestPeers.resourceManager();
    ClusterConfig root = cluster("root");
    ClusterConfig rootDefault = cluster("root.default");

    // The sink's own series, before any app: fresh zero demand, not "no points".
    DemandReading idle =
        await("the RM's sink reaches Graphite")
            .atMost(Duration.ofSeconds(60))
            .until(() -> source.read(root, Instant.now()), reading -> !reading.demand().stale());
    assertThat(idle.demand().pendingMemoryMb()).as(idle.note()).isZero();

    // 6 GB for one AM: within the scheduler's maximum allocation, larger than any 4 GB node.
    ApplicationId tooLarge = apps.submit("larger-than-any-node", 6144, 1);
    DemandReading pending =
        await("6144 MB pending in Graphite")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> source.read(root, Instant.now()),
                reading -> reading.demand().pendingMemoryMb() == 6144);
    assertThat(pending.demand().stale()).as(pending.note()).isFalse();
    assertThat(pending.demand().age()).isLessThan(STORAGE_STEP.multipliedBy(3));
    assertThat(pending.demand().pendingVcores()).isEqualTo(1);
    assertThat(pending.demand().pendingShapes()).containsExactly(new ContainerShape(1, 1, 6144));
    assertThat(resourceManager.metrics(root).pendingMb()).isEqualTo(6144);
    assertThat(resourceManager.metrics(root).pendingVcores()).isEqualTo(1);
    // A dotted queue is one more level of the sink's path: the leaf queue reads the same.
    DemandReading leaf = source.read(rootDefault, Instant.now());
    assertThat(leaf.demand().pendingMemoryMb()).as(leaf.note()).isEqualTo(6144);
    assertThat(leaf.demand().pendingVcores()).isEqualTo(1);

    apps.kill(tooLarge);
    DemandReading served =
        await("demand back to 0 in Graphite")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> source.read(root, Instant.now()),
                reading ->
                    reading.demand().pendingMemoryMb() == 0
                        && reading.demand().pendingVcores() == 0);
    assertThat(served.demand().stale()).as(served.note()).isFalse();
    assertThat(served.demand().pendingShapes()).isEmpty();
  }
}
