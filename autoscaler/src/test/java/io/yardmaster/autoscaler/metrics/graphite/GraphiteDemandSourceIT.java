package io.yardmaster.autoscaler.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.registry.ClusterConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Demand read from a real Graphite (carbon + graphite-web) fed GraphiteSink-shaped lines. */
class GraphiteDemandSourceIT {
  private static final CarbonLines.Peers PEERS = CarbonLines.peers();

  private static ClusterConfig cluster(String prefix, String queue) {
    return TestClusters.withGraphite(
        "c1",
        URI.create("http://localhost:1/livy"),
        URI.create("http://localhost:1/rm"),
        prefix,
        queue);
  }

  private static GraphiteDemandSource source(String url) {
    return new GraphiteDemandSource(
        new GraphiteConfig(URI.create(url), Duration.ofSeconds(10)), TestPeers.client());
  }

  private static String prefix() {
    return "ymtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Whole 10 s buckets, as the test Graphite's retention stores them. */
  private static Instant bucket(Instant at) {
    long seconds = at.getEpochSecond();
    return Instant.ofEpochSecond(seconds - seconds % 10);
  }

  private static void send(
      String prefix, String queue, String host, Instant at, long mb, long vcores, long containers) {
    new CarbonLines(PEERS.carbonPort())
        .point(CarbonLines.queuePath(prefix, queue, host, "PendingMB"), mb, at)
        .point(CarbonLines.queuePath(prefix, queue, host, "PendingVCores"), vcores, at)
        .point(CarbonLines.queuePath(prefix, queue, host, "PendingContainers"), containers, at)
        .send();
  }

  @Test
  void theNewestPointOfADottedQueueIsReadWithItsAge() {
    String prefix = prefix();
    Instant now = Instant.now();
    Instant older = bucket(now.minusSeconds(30));
    Instant newer = bucket(now.minusSeconds(10));
    send(prefix, "root.batch", "rm1", older, 4096, 2, 2);
    send(prefix, "root.batch", "rm1", newer, 40960, 10, 10);
    GraphiteDemandSource source = source(PEERS.renderUrl());
    ClusterConfig cluster = cluster(prefix, "root.batch");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> source.read(cluster, Instant.now()).demand().pendingMemoryMb() == 40960);
    Instant readAt = Instant.now();
    DemandReading reading = source.read(cluster, readAt);

    assertThat(reading.demand().stale()).as(reading.note()).isFalse();
    assertThat(reading.demand().pendingVcores()).isEqualTo(10);
    assertThat(reading.demand().age())
        .isEqualTo(Duration.between(newer, readAt).truncatedTo(ChronoUnit.NANOS));
    assertThat(reading.demand().pendingShapes()).containsExactly(new ContainerShape(10, 1, 4096));
  }

  @Test
  void theNewestOfSeveralResourceManagerHostsCounts() {
    String prefix = prefix();
    Instant now = Instant.now();
    send(prefix, "root", "rm-standby", bucket(now.minusSeconds(40)), 99999, 99, 9);
    send(prefix, "root", "rm-active", bucket(now.minusSeconds(10)), 2048, 1, 1);
    GraphiteDemandSource source = source(PEERS.renderUrl());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                source.read(cluster(prefix, "root"), Instant.now()).demand().pendingMemoryMb()
                    == 2048);
  }

  @Test
  void aFullyQualifiedResourceManagerHostIsRead() {
    // Hadoop writes the RM's host name as it is; each of its dots is one more Graphite level.
    String prefix = prefix();
    send(prefix, "root.batch", "rm1.yarn.example.com", bucket(Instant.now()), 3072, 3, 3);
    GraphiteDemandSource source = source(PEERS.renderUrl());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                source.read(cluster(prefix, "root.batch"), Instant.now()).demand().pendingVcores()
                    == 3);
  }

  @Test
  void pointsOlderThanThreeSinkPeriodsAreStale() {
    String prefix = prefix();
    send(prefix, "root", "rm1", bucket(Instant.now().minusSeconds(120)), 8192, 4, 4);
    GraphiteDemandSource source = source(PEERS.renderUrl());
    ClusterConfig cluster = cluster(prefix, "root");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> source.read(cluster, Instant.now()).demand().pendingMemoryMb() == 8192);
    DemandReading reading = source.read(cluster, Instant.now());

    assertThat(reading.demand().stale()).isTrue();
    assertThat(reading.demand().age()).isGreaterThan(Duration.ofSeconds(100));
    assertThat(reading.note()).contains("stale");
  }

  @Test
  void noSeriesOrNoGraphiteIsMissingDemand() {
    DemandReading absent = source(PEERS.renderUrl()).read(cluster(prefix(), "root"), Instant.now());
    assertThat(absent.demand().stale()).isTrue();
    assertThat(absent.note()).contains("no ");

    DemandReading down =
        source("http://127.0.0.1:9").read(cluster(prefix(), "root"), Instant.now());
    assertThat(down.demand().stale()).isTrue();
    assertThat(down.note()).contains("unreadable");
  }
}
