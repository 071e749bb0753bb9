package io.yardmaster.placement;

import static io.yardmaster.placement.TestingNodes.allocate;
import static io.yardmaster.placement.TestingNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackingMultiNodeLookupPolicyTest {

  private static final String DEFAULT_PARTITION = "";

  private final AtomicLong clock = new AtomicLong(1_000);

  @TempDir Path folder;

  @Test
  void mostAllocatedNodeComesFirst() {
    FiCaSchedulerNode quarter = allocate(node("worker-1", 1, 8192, 8), 2048, 1);
    FiCaSchedulerNode threeQuarters = allocate(node("worker-2", 1, 8192, 8), 6144, 1);
    FiCaSchedulerNode half = allocate(node("worker-3", 1, 8192, 8), 4096, 1);
    FiCaSchedulerNode empty = node("worker-4", 1, 8192, 8);

    assertThat(orderOf(policy(), List.of(quarter, empty, threeQuarters, half)))
        .containsExactly(threeQuarters, half, quarter, empty);
  }

  @Test
  void theDominantResourceDecidesNotMemoryAlone() {
    FiCaSchedulerNode memoryHeavy = allocate(node("worker-1", 1, 8192, 8), 6144, 1);
    FiCaSchedulerNode coreHeavy = allocate(node("worker-2", 1, 8192, 8), 1024, 7);

    assertThat(orderOf(policy(), List.of(memoryHeavy, coreHeavy)))
        .as("7 of 8 cores outranks 6 of 8 GB")
        .containsExactly(coreHeavy, memoryHeavy);
  }

  @Test
  void equalSharesGoToTheNodeWithMoreMemoryAllocated() {
    FiCaSchedulerNode small = allocate(node("worker-1", 1, 4096, 4), 2048, 2);
    FiCaSchedulerNode large = allocate(node("worker-2", 1, 16384, 16), 8192, 8);

    assertThat(orderOf(policy(), List.of(small, large))).containsExactly(large, small);
  }

  @Test
  void identicalNodesComeInNodeIdOrder() {
    FiCaSchedulerNode third = node("worker-1", 3, 8192, 8);
    FiCaSchedulerNode first = node("worker-1", 1, 8192, 8);
    FiCaSchedulerNode second = node("worker-1", 2, 8192, 8);

    assertThat(orderOf(policy(), List.of(third, first, second)))
        .containsExactly(first, second, third);
  }

  @Test
  void decommissioningNodesComeLastHoweverFullTheyAre() {
    FiCaSchedulerNode draining =
        allocate(node("worker-1", 1, 8192, 8, NodeState.DECOMMISSIONING), 7168, 7);
    FiCaSchedulerNode half = allocate(node("worker-2", 1, 8192, 8), 4096, 4);
    FiCaSchedulerNode empty = node("worker-3", 1, 8192, 8);

    assertThat(orderOf(policy(), List.of(draining, half, empty)))
        .containsExactly(half, empty, draining);
  }

  @Test
  void markedNodesKeepThePackingOrderAmongThemselves() {
    FiCaSchedulerNode drainingFull =
        allocate(node("worker-1", 1, 8192, 8, NodeState.DECOMMISSIONING), 6144, 1);
    FiCaSchedulerNode drainingLight =
        allocate(node("worker-2", 1, 8192, 8, NodeState.DECOMMISSIONING), 1024, 1);
    FiCaSchedulerNode running = node("worker-3", 1, 8192, 8);

    assertThat(orderOf(policy(), List.of(drainingLight, running, drainingFull)))
        .containsExactly(running, drainingFull, drainingLight);
  }

  @Test
  void nodesListedInTheRemovalHostsFileComeLast() throws Exception {
    Path hosts = folder.resolve("removal-hosts");
    Files.writeString(
        hosts, "# drained by the autoscaler\nWORKER-1\n\nworker-2:2  # one NodeManager only\n");
    FiCaSchedulerNode listedByHost = allocate(node("worker-1", 1, 8192, 8), 6144, 6);
    FiCaSchedulerNode listedById = allocate(node("worker-2", 2, 8192, 8), 5120, 5);
    FiCaSchedulerNode sameHostOtherPort = allocate(node("worker-2", 3, 8192, 8), 1024, 1);
    FiCaSchedulerNode unlisted = allocate(node("worker-3", 1, 8192, 8), 2048, 2);

    assertThat(
            orderOf(
                policyWithHostsFile(hosts, 0),
                List.of(listedByHost, listedById, sameHostOtherPort, unlisted)))
        .containsExactly(unlisted, sameHostOtherPort, listedByHost, listedById);
  }

  @Test
  void aChangedRemovalHostsFileCountsOnceItsReadIsOlderThanTheRefreshInterval() throws Exception {
    Path hosts = folder.resolve("removal-hosts");
    FiCaSchedulerNode full = allocate(node("worker-1", 1, 8192, 8), 6144, 6);
    FiCaSchedulerNode light = allocate(node("worker-2", 1, 8192, 8), 1024, 1);
    PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy = policyWithHostsFile(hosts, 10_000);

    assertThat(orderOf(policy, List.of(full, light)))
        .as("no file yet")
        .containsExactly(full, light);

    Files.writeString(hosts, "worker-1\n", StandardCharsets.UTF_8);
    clock.addAndGet(9_999);
    assertThat(orderOf(policy, List.of(full, light)))
        .as("the last read is reused within the refresh interval")
        .containsExactly(full, light);

    clock.addAndGet(1);
    assertThat(orderOf(policy, List.of(full, light))).containsExactly(light, full);

    Files.delete(hosts);
    clock.addAndGet(10_000);
    assertThat(orderOf(policy, List.of(full, light)))
        .as("a removed file lists nothing")
        .containsExactly(full, light);
  }

  @Test
  void aConfigurationHandedToThePolicyReplacesItsSettings() throws Exception {
    Path hosts = folder.resolve("removal-hosts");
    Files.writeString(hosts, "worker-1\n", StandardCharsets.UTF_8);
    FiCaSchedulerNode full = allocate(node("worker-1", 1, 8192, 8), 6144, 6);
    FiCaSchedulerNode light = allocate(node("worker-2", 1, 8192, 8), 1024, 1);
    PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy = policy();
    Configuration conf = new Configuration(false);
    conf.set(PlacementSettings.REMOVAL_HOSTS_FILE, hosts.toString());

    policy.setConf(conf);

    assertThat(policy.getConf()).isSameAs(conf);
    assertThat(orderOf(policy, List.of(full, light))).containsExactly(light, full);
  }

  @Test
  void eachRefreshSortsASnapshotPerPartition() {
    FiCaSchedulerNode gpuFull = allocate(node("gpu-1", 1, 8192, 8), 4096, 4);
    FiCaSchedulerNode gpuEmpty = node("gpu-2", 1, 8192, 8);
    FiCaSchedulerNode light = allocate(node("worker-1", 1, 8192, 8), 1024, 1);
    FiCaSchedulerNode empty = node("worker-2", 1, 8192, 8);
    PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy = policy();

    policy.addAndRefreshNodesSet(List.of(empty, light), DEFAULT_PARTITION);
    policy.addAndRefreshNodesSet(List.of(gpuEmpty, gpuFull), "gpu");
    allocate(empty, 8192, 8);

    assertThat(policy.getNodesPerPartition(DEFAULT_PARTITION))
        .as("the order of the last refresh, not of the allocations since")
        .containsExactly(light, empty);
    assertThat(policy.getNodesPerPartition("gpu")).containsExactly(gpuFull, gpuEmpty);
    assertThat(policy.getNodesPerPartition("unknown")).isEmpty();

    policy.addAndRefreshNodesSet(List.of(empty, light), DEFAULT_PARTITION);
    assertThat(policy.getNodesPerPartition(DEFAULT_PARTITION)).containsExactly(empty, light);
    assertThat(iterate(policy, List.of(light), DEFAULT_PARTITION))
        .as("the iterator follows the refreshed partition, like the stock policy")
        .containsExactly(empty, light);
  }

  @Test
  void aPartitionNotSortedYetIsSortedOnDemand() {
    FiCaSchedulerNode light = allocate(node("worker-1", 1, 8192, 8), 1024, 1);
    FiCaSchedulerNode heavy = allocate(node("worker-2", 1, 8192, 8), 4096, 1);

    assertThat(iterate(policy(), List.of(light, heavy), DEFAULT_PARTITION))
        .containsExactly(heavy, light);
  }

  private PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy() {
    return new PackingMultiNodeLookupPolicy<>(new PlacementSettings(null, 0), clock::get);
  }

  private PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policyWithHostsFile(
      Path hosts, long refreshMillis) {
    return new PackingMultiNodeLookupPolicy<>(
        new PlacementSettings(hosts, refreshMillis), clock::get);
  }

  private static List<FiCaSchedulerNode> orderOf(
      PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy, List<FiCaSchedulerNode> nodes) {
    policy.addAndRefreshNodesSet(nodes, DEFAULT_PARTITION);
    return iterate(policy, nodes, DEFAULT_PARTITION);
  }

  private static List<FiCaSchedulerNode> iterate(
      PackingMultiNodeLookupPolicy<FiCaSchedulerNode> policy,
      List<FiCaSchedulerNode> nodes,
      String partition) {
    List<FiCaSchedulerNode> order = new ArrayList<>();
    policy.getPreferredNodeIterator(nodes, partition).forEachRemaining(order::add);
    return order;
  }
}
