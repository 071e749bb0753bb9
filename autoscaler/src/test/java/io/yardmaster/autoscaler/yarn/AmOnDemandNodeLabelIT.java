package io.yardmaster.autoscaler.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped node-label set-up (infra/yarn/am-on-demand-node-labels.xml, infra/yarn/README.md) on
 * a real ResourceManager: one of three NodeManagers (4 GB each) reports the partition {@code
 * ondemand}, created non-exclusive as the README says. Application masters that ask for it, as
 * Spark does with the enforced {@code spark.yarn.am.nodeLabelExpression}, run only there, and wait
 * rather than go to another node; containers of the default partition (executors) may still use the
 * on-demand node's idle room.
 */
class AmOnDemandNodeLabelIT {
  private static final String ON_DEMAND = "127.0.0.2";
  private static final List<String> HOSTS = List.of(ON_DEMAND, "127.0.0.3", "127.0.0.4");
  private static final Path SNIPPET = Path.of("../infra/yarn/am-on-demand-node-labels.xml");

  private static YarnClusterProcess yarn;
  private static SleepingYarnApps apps;
  private static ClusterConfig cluster;
  private static RestResourceManager resourceManager;

  @BeforeAll
  static void startYarn() {
    yarn =
        YarnClusterProcess.start(
            PeerPaths.fromSystemProperties(),
            "node-labels-yarn",
            YarnClusterSpec.nodeManagersOn(HOSTS)
                .withNodeLabels(
                    new YarnClusterSpec.NodeLabels(
                        SNIPPET, "ondemand(exclusive=false)", List.of(ON_DEMAND))));
    apps = new SleepingYarnApps(yarn.hadoopConfDir());
    cluster = TestClusters.cluster("c1", URI.create("http://127.0.0.1:1/livy"), yarn.webUri());
    resourceManager = TestPeers.resourceManager();
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

  /** Containers per host. */
  private static Map<String, Integer> containers() {
    return resourceManager.nodes(cluster).stream()
        .collect(Collectors.toMap(YarnNode::hostName, YarnNode::containers, Integer::sum));
  }

  @Test
  void applicationMastersRunOnlyOnOnDemandNodesAndExecutorsMayUseTheirIdleRoom() {
    // Two 1.5 GB AMs fit the on-demand node; the third waits although two nodes are empty.
    ApplicationId first = apps.submitInPartition("am-1", 1536, 1, "ondemand");
    ApplicationId second = apps.submitInPartition("am-2", 1536, 1, "ondemand");
    await("two AMs on the on-demand node")
        .atMost(Duration.ofSeconds(60))
        .until(() -> containers().get(ON_DEMAND) == 2);
    assertThat(apps.amHost(first)).contains(ON_DEMAND);
    assertThat(apps.amHost(second)).contains(ON_DEMAND);
    ApplicationId third = apps.submitInPartition("am-3", 1536, 1, "ondemand");
    await("the third AM waits for the on-demand node")
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(12))
        .until(
            () ->
                apps.amHost(third).isEmpty()
                    && containers().equals(Map.of(ON_DEMAND, 2, "127.0.0.3", 0, "127.0.0.4", 0)));

    // The on-demand node frees room: the waiting AM takes it, still nowhere else.
    apps.kill(first);
    await("the third AM placed once the on-demand node has room")
        .atMost(Duration.ofSeconds(60))
        .until(() -> apps.amHost(third).isPresent());
    assertThat(apps.amHost(third)).contains(ON_DEMAND);

    // The default partition's nodes fill up (AMs of the default partition never go to another
    // partition); then an executor-like container of the default partition, asked by an unmanaged
    // AM, gets the on-demand node's idle room: the label is non-exclusive.
    apps.submit("default-1", 3584, 1);
    apps.submit("default-2", 3584, 1);
    await("default AMs on the two other nodes")
        .atMost(Duration.ofSeconds(60))
        .until(() -> containers().get("127.0.0.3") == 1 && containers().get("127.0.0.4") == 1);
    try (UnmanagedApplicationMaster executors =
        new UnmanagedApplicationMaster(yarn.hadoopConfDir(), "executor-like")) {
      Container executor = executors.launch("sleep 600", 768);
      assertThat(executor.getNodeId().getHost()).isEqualTo(ON_DEMAND);
    }
  }
}
