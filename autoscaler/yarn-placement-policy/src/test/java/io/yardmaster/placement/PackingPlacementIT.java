package io.yardmaster.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.ResourceScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.ResourceUsageMultiNodeLookupPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real CapacityScheduler with multi-node placement, configured by {@code
 * infra/yarn/capacity-scheduler-placement.xml}, places containers on three NodeManagers of 4 GB.
 * Queue {@code packed} uses that snippet's policy (the global default); queue {@code spread} uses
 * the stock {@link ResourceUsageMultiNodeLookupPolicy}, to show what the same requests do without
 * packing. All mini NodeManagers are on one host; their node ids differ by port.
 */
class PackingPlacementIT {

  private static final String CS = "yarn.scheduler.capacity.";
  private static final long NODE_MEMORY_MB = 4096;
  private static final int NODE_VCORES = 4;

  private static MiniYARNCluster cluster;
  private static YarnClient yarn;
  private static Path removalHosts;

  private UnmanagedApplicationMaster applicationMaster;

  @BeforeAll
  static void startCluster() throws Exception {
    YarnConfiguration conf = new YarnConfiguration();
    conf.addResource(Path.of(System.getProperty("yardmaster.placement.snippet")).toUri().toURL());
    conf.setClass(YarnConfiguration.RM_SCHEDULER, CapacityScheduler.class, ResourceScheduler.class);
    conf.set(CS + "root.queues", "packed,spread");
    for (String queue : List.of("packed", "spread")) {
      conf.set(CS + "root." + queue + ".capacity", "50");
      conf.set(CS + "root." + queue + ".maximum-capacity", "100");
      conf.set(CS + "root." + queue + ".user-limit-factor", "2");
    }
    conf.set(CS + "multi-node-sorting.policy.names", "yardmaster-packing,resource-usage");
    conf.set(
        CS + "multi-node-sorting.policy.resource-usage.class",
        ResourceUsageMultiNodeLookupPolicy.class.getName());
    conf.set(CS + "multi-node-sorting.policy.resource-usage.sorting-interval.ms", "0");
    conf.set(CS + "root.spread.multi-node-sorting.policy", "resource-usage");
    conf.setLong(YarnConfiguration.NM_PMEM_MB, NODE_MEMORY_MB);
    conf.setInt(YarnConfiguration.NM_VCORES, NODE_VCORES);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
    // Nodes silent for longer than heartbeat x multiplier are skipped; a GC pause must not do that.
    conf.setInt("yarn.scheduler.skip.node.multiplier", 100);

    cluster = new MiniYARNCluster(PackingPlacementIT.class.getSimpleName(), 3, 1, 1);
    cluster.init(conf);
    cluster.start();
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.getConfig());
    yarn.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> yarn.getNodeReports(NodeState.RUNNING).size() == 3);
    removalHosts = Path.of(System.getProperty("yardmaster.placement.it.removal-hosts-file"));
  }

  @AfterAll
  static void stopCluster() {
    if (yarn != null) {
      yarn.stop();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  @BeforeEach
  void emptyCluster() throws Exception {
    Files.deleteIfExists(removalHosts);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> usedMemoryMb().values().stream().allMatch(used -> used == 0));
  }

  @AfterEach
  void finishApplication() throws Exception {
    Files.deleteIfExists(removalHosts);
    if (applicationMaster != null) {
      applicationMaster.finish();
    }
  }

  @Test
  void newContainersGoToTheFullestNodeThatFits() throws Exception {
    applicationMaster = UnmanagedApplicationMaster.register(yarn, cluster.getConfig(), "packed");

    NodeId first = placeMb(3072);
    NodeId second = placeMb(2048);
    assertThat(second).as("1 GB is left on the first node: 2 GB cannot fit").isNotEqualTo(first);

    assertThat(placeMb(1024)).as("3 GB used beats 2 GB used and an empty node").isEqualTo(first);
    assertThat(placeMb(1024))
        .as("the first node is full; the second is the fullest that fits")
        .isEqualTo(second);
    assertThat(usedMemoryMb())
        .as("the third node stays empty, free for the autoscaler to remove")
        .containsEntry(first, 4096L)
        .containsEntry(second, 3072L)
        .containsValue(0L);
  }

  @Test
  void aNodeMarkedForRemovalIsOfferedLast() throws Exception {
    applicationMaster = UnmanagedApplicationMaster.register(yarn, cluster.getConfig(), "packed");
    NodeId fullest = placeMb(2048);

    Files.writeString(removalHosts, fullest + "\n", StandardCharsets.UTF_8);
    NodeId elsewhere = placeMb(1024);
    assertThat(elsewhere).as("listed in the removal hosts file").isNotEqualTo(fullest);

    Files.delete(removalHosts);
    assertThat(placeMb(1024)).as("no longer listed, the fullest again").isEqualTo(fullest);
  }

  @Test
  void theStockPolicySpreadsTheSameRequests() throws Exception {
    applicationMaster = UnmanagedApplicationMaster.register(yarn, cluster.getConfig(), "spread");

    NodeId first = placeMb(3072);
    NodeId second = placeMb(2048);
    NodeId third = placeMb(1024);

    assertThat(List.of(first, second, third))
        .as("least used first: the 1 GB container lands on the empty node, not beside the 3 GB one")
        .doesNotHaveDuplicates();
  }

  private NodeId placeMb(long memoryMb) throws Exception {
    return applicationMaster.place(memoryMb, 1).getNodeId();
  }

  private static Map<NodeId, Long> usedMemoryMb() throws Exception {
    return yarn.getNodeReports(NodeState.RUNNING).stream()
        .collect(
            Collectors.toMap(
                NodeReport::getNodeId,
                report -> report.getUsed() == null ? 0L : report.getUsed().getMemorySize()));
  }
}
