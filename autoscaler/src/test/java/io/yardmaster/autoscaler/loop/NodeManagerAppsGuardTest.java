package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.autoscaler.store.ShrinkIntent.Phase;
import io.yardmaster.autoscaler.store.ShrinkIntent.Target;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.Sku;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node the RM shows empty is only free when its own NodeManager hosts no RUNNING application
 * (shuffle data) and could be read: before the policy and again right before the delete.
 */
class NodeManagerAppsGuardTest {
  private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");
  private static final ClusterConfig CLUSTER =
      TestClusters.cluster(
          "c1", URI.create("http://localhost:1/livy"), URI.create("http://localhost:1/rm"));

  /** NodeManagers by host: an app list, or null for one that cannot be read. */
  private static final class FakeNodeManagers implements NodeManagerApps {
    private final Map<String, List<String>> apps = new HashMap<>();

    /** Read in parallel (NodeManagerReads), so in any order. */
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    FakeNodeManagers hosting(String host, String... appIds) {
      apps.put(host, List.of(appIds));
      return this;
    }

    FakeNodeManagers down(String host) {
      apps.put(host, null);
      return this;
    }

    @Override
    public List<String> runningApplications(YarnNode node) {
      asked.add(node.hostName());
      List<String> running = apps.getOrDefault(node.hostName(), List.of());
      if (running == null) {
        throw TestPeers.refusedNodeManager(node.hostName());
      }
      return running;
    }
  }

  private static YarnNode empty(String host, String state) {
    return new YarnNode(host + ":8041", host, state, 0, 0, 0, 8, 28672, host + ":8042");
  }

  private static YarnNode busy(String host) {
    return new YarnNode(host + ":8041", host, "RUNNING", 2, 2, 4096, 6, 24576, host + ":8042");
  }

  private static NodePoolVm vm(String host) {
    return new NodePoolVm(
        host + "-id", host, host, "Succeeded", PowerState.RUNNING, NOW.minusSeconds(3600));
  }

  private static PoolObservation observe(List<YarnNode> nodes, NodeManagerApps apps) {
    List<NodePoolVm> vms = nodes.stream().map(node -> vm(node.hostName())).toList();
    return PoolObservation.join(
        new ScaleSetState("vmss", "Standard_D8s_v5", nodes.size(), "e1", "Succeeded"),
        vms,
        nodes,
        apps,
        NOW,
        Duration.ofMinutes(15));
  }

  @Test
  void anEmptyLookingNodeHostingARunningAppOrUnreadableIsNotFree() {
    FakeNodeManagers nodeManagers =
        new FakeNodeManagers()
            .hosting("shuffle", "application_1_0001")
            .down("unreadable")
            .down("busy")
            .down("gone");
    PoolObservation observed =
        observe(
            List.of(
                empty("shuffle", "RUNNING"),
                empty("unreadable", "RUNNING"),
                empty("clean", "RUNNING"),
                busy("busy"),
                empty("gone", "DECOMMISSIONED")),
            nodeManagers);

    assertThat(observed.nodes())
        .extracting(node -> node.nodeId() + "=" + node.runningApplications() + "/" + node.free())
        .containsExactly(
            "shuffle:8041=1/false",
            "unreadable:8041=" + PoolObservation.UNREADABLE + "/false",
            "clean:8041=0/true",
            "busy:8041=0/false",
            "gone:8041=0/true");
    assertThat(nodeManagers.asked)
        .as("only empty-looking nodes whose NodeManager still runs are asked")
        .containsExactlyInAnyOrder("shuffle", "unreadable", "clean");

    List<String> all = observed.nodes().stream().map(NodeView::nodeId).toList();
    ScalingDecision checked =
        DecisionGuard.check(
            ScalingDecision.shrink(5, all, "remove everything"), snapshot(observed), observed);

    assertThat(checked.action()).isEqualTo(ScalingAction.SHRINK);
    assertThat(checked.removeNodes()).containsExactly("clean:8041", "gone:8041");
  }

  @Test
  void noneRemovableWhenEveryEmptyNodeHostsAnAppOrIsUnreadable() {
    PoolObservation observed =
        observe(
            List.of(empty("shuffle", "RUNNING"), empty("unreadable", "DECOMMISSIONING")),
            new FakeNodeManagers().hosting("shuffle", "application_1_0001").down("unreadable"));

    ScalingDecision checked =
        DecisionGuard.check(
            ScalingDecision.shrink(2, List.of("shuffle:8041", "unreadable:8041"), "idle"),
            snapshot(observed),
            observed);

    assertThat(checked.action()).isEqualTo(ScalingAction.HOLD);
  }

  @Test
  void theRecheckBeforeDeleteKeepsNodesHostingAnAppOrUnreadableAndPutsThemBack() {
    List<YarnNode> rm =
        List.of(
            empty("shuffle", "DECOMMISSIONING"),
            empty("unreadable", "DECOMMISSIONING"),
            empty("clean", "DECOMMISSIONING"),
            empty("finished", "DECOMMISSIONED"),
            empty("raced", "DECOMMISSIONING"));
    // "raced" finished decommissioning (its NodeManager shut down) between the two RM reads.
    List<YarnNode> rmAgain = new ArrayList<>(rm);
    rmAgain.set(4, empty("raced", "DECOMMISSIONED"));
    FakeResourceManager resourceManager = new FakeResourceManager(List.of(rm, rmAgain));
    FakeNodeManagers nodeManagers =
        new FakeNodeManagers()
            .hosting("shuffle", "application_1_0001")
            .down("unreadable")
            .down("finished")
            .down("raced");
    RecordingPool pool = new RecordingPool(rm.stream().map(node -> vm(node.hostName())).toList());
    RecordingDecommissioner decommissioner = new RecordingDecommissioner();
    AutoscalerStore store = H2Stores.fresh();
    ShrinkProcess shrinks =
        new ShrinkProcess(
            decommissioner,
            resourceManager,
            nodeManagers,
            store,
            new CloudOperations(store, Duration.ofMinutes(30), "test"),
            new RemovalHostsFile(null));
    List<Target> targets =
        rm.stream().map(node -> new Target(node.hostName(), node.hostName() + "-id")).toList();
    ShrinkIntent intent = new ShrinkIntent("batch", "c1", Phase.DELETE, targets, NOW, NOW);
    store.saveShrink(intent);

    ShrinkProcess.Step step = shrinks.advance(intent, pool, CLUSTER, false, NOW, Optional.empty());

    assertThat(step.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(pool.deleted).containsExactly("clean-id", "finished-id", "raced-id");
    assertThat(step.deletedVms()).containsExactly("clean-id", "finished-id", "raced-id");
    assertThat(step.reason())
        .contains("kept {shuffle=[application_1_0001]}: applications still RUNNING")
        .contains("kept [unreadable]: NodeManager unreadable");
    assertThat(nodeManagers.asked)
        .as("a DECOMMISSIONED node's NodeManager has shut down: not asked")
        .doesNotContain("finished");
    assertThat(decommissioner.recommissioned)
        .as("the kept nodes go back in service")
        .contains("shuffle", "unreadable");
    assertThat(store.shrink("batch")).isEmpty();
  }

  private static PoolSnapshot snapshot(PoolObservation observed) {
    return new PoolSnapshot(
        "batch",
        "c1",
        new Sku("Standard_D8s_v5", 8, 32768, 8, 28672),
        false,
        0,
        10,
        observed.scaleSet().capacity(),
        0,
        observed.nodes(),
        new Demand(0, 0, List.of(), Duration.ofSeconds(10), false),
        0);
  }

  /** Answers each nodes() call with the next list (the last one again once they run out). */
  private static final class FakeResourceManager implements ResourceManager {
    private final List<List<YarnNode>> answers;
    private int calls;

    FakeResourceManager(List<List<YarnNode>> answers) {
      this.answers = answers;
    }

    @Override
    public List<YarnNode> nodes(ClusterConfig cluster) {
      return answers.get(Math.min(calls++, answers.size() - 1));
    }

    @Override
    public YarnClusterMetrics metrics(ClusterConfig cluster) {
      throw new UnsupportedOperationException();
    }
  }

  private static final class RecordingPool implements NodePool {
    private final List<NodePoolVm> vms;
    private final Set<String> deleted = new LinkedHashSet<>();

    RecordingPool(List<NodePoolVm> vms) {
      this.vms = vms;
    }

    @Override
    public String poolName() {
      return "batch";
    }

    @Override
    public ScaleSetState read() {
      return new ScaleSetState("vmss", "Standard_D8s_v5", vms.size(), "e1", "Succeeded");
    }

    @Override
    public List<NodePoolVm> vms() {
      return vms;
    }

    @Override
    public CloudOperation setCapacity(int target, String etag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OperationProgress follow(String reference) {
      // every write here completes at once, so any operation followed has succeeded
      return OperationProgress.of(OperationProgress.State.SUCCEEDED, "completed at once");
    }

    @Override
    public CloudOperation deleteInstances(Set<String> instanceIds) {
      deleted.addAll(instanceIds);
      return CloudOperation.completed();
    }
  }

  private static final class RecordingDecommissioner implements NodeDecommissioner {
    private final Set<String> recommissioned = new LinkedHashSet<>();

    @Override
    public void decommission(ClusterConfig cluster, Set<String> hosts) {}

    @Override
    public void recommission(ClusterConfig cluster, Set<String> hosts) {
      recommissioned.addAll(hosts);
    }
  }
}
