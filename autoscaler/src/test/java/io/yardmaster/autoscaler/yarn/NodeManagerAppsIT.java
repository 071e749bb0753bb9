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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RestNodeManagerApps} against real NodeManagers (Hadoop 3.4.2, one loopback host each, web
 * apps on their own addresses): an application stays RUNNING on a node after its container there
 * exited, until the application ends, and the NodeManager says so at the {@code nodeHTTPAddress}
 * the ResourceManager reports. The application master is this test process (unmanaged), so the
 * application runs on without any container while the test looks.
 */
class NodeManagerAppsIT {
  private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3");

  private static YarnClusterProcess yarn;
  private static ClusterConfig cluster;
  private static RestResourceManager resourceManager;
  private static RestNodeManagerApps nodeManagerApps;

  @BeforeAll
  static void startYarn() {
    yarn =
        YarnClusterProcess.start(
            PeerPaths.fromSystemProperties(),
            "node-manager-apps-yarn",
            YarnClusterSpec.nodeManagersOn(HOSTS));
    cluster = TestClusters.cluster("c1", URI.create("http://127.0.0.1:1/livy"), yarn.webUri());
    resourceManager = TestPeers.resourceManager();
    nodeManagerApps = new RestNodeManagerApps(TestPeers.client());
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  private static Map<String, YarnNode> nodes() {
    return resourceManager.nodes(cluster).stream()
        .collect(Collectors.toMap(YarnNode::hostName, node -> node));
  }

  @Test
  void anApplicationStaysRunningOnANodeAfterItsContainerThereExitedUntilItEnds() {
    Map<String, YarnNode> before = nodes();
    assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(HOSTS);
    for (YarnNode node : before.values()) {
      assertThat(node.httpAddress()).startsWith(node.hostName() + ":");
      assertThat(nodeManagerApps.runningApplications(node)).isEmpty();
    }

    try (UnmanagedApplicationMaster app =
        new UnmanagedApplicationMaster(yarn.hadoopConfDir(), "keeps-shuffle-data")) {
      Container container = app.launch("true", 256);
      String host = container.getNodeId().getHost();
      String other = HOSTS.stream().filter(each -> !each.equals(host)).findFirst().orElseThrow();
      List<ContainerStatus> completed = new ArrayList<>();
      await(container.getId() + " exited")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                completed.addAll(app.completed());
                return !completed.isEmpty();
              });
      assertThat(completed.get(0).getExitStatus()).isZero();
      await("the RM shows " + host + " without containers")
          .atMost(Duration.ofSeconds(15))
          .until(() -> nodes().get(host).containers() == 0);

      YarnNode emptyLooking = nodes().get(host);
      assertThat(app.state()).isEqualTo(YarnApplicationState.RUNNING);
      assertThat(emptyLooking.containers()).isZero();
      assertThat(nodeManagerApps.runningApplications(emptyLooking))
          .containsExactly(app.id().toString());
      assertThat(nodeManagerApps.runningApplications(nodes().get(other))).isEmpty();

      app.finish();
      await(host + "'s NodeManager lets the finished application go")
          .atMost(Duration.ofSeconds(30))
          .until(() -> nodeManagerApps.runningApplications(nodes().get(host)).isEmpty());
      assertThat(app.state()).isEqualTo(YarnApplicationState.FINISHED);
    }
  }
}
