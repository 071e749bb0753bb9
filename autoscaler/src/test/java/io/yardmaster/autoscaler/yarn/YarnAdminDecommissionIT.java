package io.yardmaster.autoscaler.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link YarnAdminNodeDecommissioner} against a real ResourceManager: 3 NodeManagers of 4 GB, one
 * loopback host each (exclude lists are by host), the RM's exclude file the decommissioner writes,
 * {@code refreshNodes} over the RM admin RPC, states read from {@code /ws/v1/cluster/nodes}.
 */
class YarnAdminDecommissionIT {
  private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
  private static final Duration HEARTBEATS = Duration.ofSeconds(4);

  private static Path excludeFile;
  private static YarnClusterProcess yarn;
  private static SleepingYarnApps apps;
  private static ClusterConfig cluster;
  private static RestResourceManager resourceManager;
  private static YarnAdminNodeDecommissioner decommissioner;

  @BeforeAll
  static void startYarn() throws IOException {
    PeerPaths paths = PeerPaths.fromSystemProperties();
    excludeFile = paths.workDir().resolve("decommission-exclude/hosts");
    Files.deleteIfExists(excludeFile);
    yarn =
        YarnClusterProcess.start(
            paths,
            "decommission-yarn",
            YarnClusterSpec.nodeManagersOn(HOSTS).withExcludeFile(excludeFile));
    apps = new SleepingYarnApps(yarn.hadoopConfDir());
    cluster = TestClusters.cluster("c1", URI.create("http://127.0.0.1:1/livy"), yarn.webUri());
    resourceManager = TestPeers.resourceManager();
    decommissioner =
        new YarnAdminNodeDecommissioner(
            List.of(
                new YarnAdminTarget(
                    "c1", excludeFile, yarn.hadoopConfDir(), Duration.ofMinutes(10))));
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

  /** Host to node; a host that registered again keeps its newest entry. */
  private static Map<String, YarnNode> nodes() {
    return resourceManager.nodes(cluster).stream()
        .collect(Collectors.toMap(YarnNode::hostName, node -> node, (older, newer) -> newer));
  }

  private static String state(String host) {
    return nodes().get(host).state();
  }

  @Test
  void anEmptyNodeLeavesAndDrainingNodesKeepTheirWorkUntilRecommissioned() {
    // Two 3 GB application masters cannot share a 4 GB node: two nodes busy, one empty.
    ApplicationId first = apps.submit("holds-a-node-1", 3072, 1);
    ApplicationId second = apps.submit("holds-a-node-2", 3072, 1);
    Map<String, YarnNode> placed =
        await("both AM containers placed")
            .atMost(Duration.ofSeconds(60))
            .until(
                YarnAdminDecommissionIT::nodes,
                nodes ->
                    nodes.values().stream().filter(node -> node.containers() == 1).count() == 2);
    List<String> busy =
        placed.values().stream()
            .filter(node -> node.containers() == 1)
            .map(YarnNode::hostName)
            .sorted()
            .toList();
    String empty = HOSTS.stream().filter(host -> !busy.contains(host)).findFirst().orElseThrow();

    // The autoscaler's case: an empty node is decommissioned gracefully and leaves at once.
    decommissioner.decommission(cluster, Set.of(empty));
    await(empty + " DECOMMISSIONED")
        .atMost(Duration.ofSeconds(30))
        .until(() -> state(empty).equals("DECOMMISSIONED"));
    assertThat(nodes())
        .extractingFromEntries(entry -> entry.getKey() + "=" + entry.getValue().state())
        .containsExactlyInAnyOrder(
            empty + "=DECOMMISSIONED", busy.get(0) + "=RUNNING", busy.get(1) + "=RUNNING");
    assertThat(HostsFile.read(excludeFile)).containsExactly(empty);

    // Graceful: nodes with a running container drain instead of killing it.
    decommissioner.decommission(cluster, Set.copyOf(busy));
    for (String host : busy) {
      await(host + " DECOMMISSIONING")
          .atMost(Duration.ofSeconds(30))
          .until(() -> state(host).equals("DECOMMISSIONING"));
    }
    await("busy nodes still draining")
        .during(HEARTBEATS)
        .atMost(HEARTBEATS.plusSeconds(5))
        .until(() -> busy.stream().allMatch(this::drainingWithItsContainer));

    // The shrink gives one node up: it runs again, and the other keeps draining, its work alive.
    decommissioner.recommission(cluster, Set.of(busy.get(0)));
    await(busy.get(0) + " RUNNING again")
        .atMost(Duration.ofSeconds(30))
        .until(() -> state(busy.get(0)).equals("RUNNING"));
    await(busy.get(1) + " still draining")
        .during(HEARTBEATS)
        .atMost(HEARTBEATS.plusSeconds(5))
        .until(() -> drainingWithItsContainer(busy.get(1)));
    assertThat(HostsFile.read(excludeFile)).containsExactlyInAnyOrder(empty, busy.get(1));
    assertThat(state(empty)).isEqualTo("DECOMMISSIONED");

    // Its work gone, the draining node completes its decommission.
    apps.kill(first);
    apps.kill(second);
    await(busy.get(1) + " DECOMMISSIONED once its app ended")
        .atMost(Duration.ofSeconds(60))
        .until(() -> state(busy.get(1)).equals("DECOMMISSIONED"));
    assertThat(state(busy.get(0))).isEqualTo("RUNNING");
  }

  private boolean drainingWithItsContainer(String host) {
    YarnNode node = nodes().get(host);
    return node.state().equals("DECOMMISSIONING") && node.containers() == 1;
  }
}
