package io.yardmaster.bench.autoscaling.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.core.registry.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinePoliciesTest {
  private static final Sku SKU = new Sku("node", 16, 131072, 16, 102400);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static NodeView node(String id, int usedVcores, long usedMemory, int containers) {
    return new NodeView(
        id, id, "RUNNING", containers, containers > 0 ? 1 : 0, usedVcores, usedMemory, 16, 102400);
  }

  private static PoolSnapshot pool(List<NodeView> nodes, int booting, Demand demand) {
    return new PoolSnapshot(
        "p", "c", SKU, false, 0, 100, nodes.size() + booting, booting, nodes, demand, 0);
  }

  private static Demand pending(ContainerShape... shapes) {
    long vcores = 0;
    long memory = 0;
    for (ContainerShape shape : shapes) {
      vcores += (long) shape.count() * shape.vcores();
      memory += (long) shape.count() * shape.memoryMb();
    }
    return new Demand(vcores, memory, List.of(shapes), Duration.ofSeconds(10), false);
  }

  @Test
  void dataprocScalesByPendingMinusAvailableMemoryTimesTheFactor() {
    // pending 10 x 32 GB = 320 GB; available 100 - 36 = 64 GB: 256 GB = 2.5 nodes of 100 GB
    PoolSnapshot snapshot =
        pool(List.of(node("n1", 4, 36 * 1024, 1)), 0, pending(new ContainerShape(10, 8, 32768)));

    ScalingDecision full =
        new DataprocLikePolicy(1.0, 1.0, Duration.ofMinutes(2)).decide(snapshot, T0);
    ScalingDecision half =
        new DataprocLikePolicy(0.5, 0.5, Duration.ofMinutes(2)).decide(snapshot, T0);

    assertThat(full.targetCapacity()).isEqualTo(1 + 3);
    assertThat(half.targetCapacity()).isEqualTo(1 + 2);
  }

  @Test
  void dataprocWaitsForTheOperationAndTheCooldown() {
    DataprocLikePolicy policy = new DataprocLikePolicy(1.0, 1.0, Duration.ofMinutes(2));
    Demand demand = pending(new ContainerShape(10, 8, 32768));
    policy.decide(pool(List.of(), 0, demand), T0);

    assertThat(policy.decide(pool(List.of(), 3, demand), at(60)).reason()).contains("in progress");
    assertThat(policy.decide(pool(List.of(), 0, demand), at(90)).reason()).contains("cool-down");
    assertThat(policy.decide(pool(List.of(), 0, demand), at(210)).action())
        .isEqualTo(ScalingAction.GROW);
  }

  @Test
  void clusterAutoscalerRemovesEmptyNodesAfterTenMinutesUnneeded() {
    ClusterAutoscalerLikePolicy policy = new ClusterAutoscalerLikePolicy();
    List<NodeView> nodes = List.of(node("busy", 12, 1024, 3), node("empty", 0, 0, 0));
    PoolSnapshot snapshot = pool(nodes, 0, pending());

    policy.decide(snapshot, T0);
    assertThat(policy.decide(snapshot, at(599)).action()).isEqualTo(ScalingAction.HOLD);
    ScalingDecision due = policy.decide(snapshot, at(600));

    assertThat(due.removeNodes()).containsExactly("empty");
  }

  @Test
  void clusterAutoscalerBinPacksPendingIntoBootingThenNewNodes() {
    PoolSnapshot snapshot = pool(List.of(), 1, pending(new ContainerShape(5, 8, 32768)));

    ScalingDecision decision = new ClusterAutoscalerLikePolicy().decide(snapshot, T0);

    // 2 executors per node: the booting one takes 2, the 3 left need 2 new nodes
    assertThat(decision.targetCapacity()).isEqualTo(1 + 2);
  }

  @Test
  void hdInsightAddsAfterAMinuteAndRemovesTwoPerCycleAfterTenMinutes() {
    HdInsightLikePolicy policy = new HdInsightLikePolicy();
    PoolSnapshot over = pool(List.of(), 0, pending(new ContainerShape(5, 8, 32768)));
    List<NodeView> idle = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      idle.add(node("n" + i, 0, 0, 0));
    }
    PoolSnapshot under = pool(idle, 0, pending());

    assertThat(policy.decide(over, T0).action()).isEqualTo(ScalingAction.HOLD);
    assertThat(policy.decide(over, at(60)).targetCapacity()).isEqualTo(3);
    policy.decide(under, at(90));
    assertThat(policy.decide(under, at(600)).action()).isEqualTo(ScalingAction.HOLD);
    assertThat(policy.decide(under, at(690)).removeNodes()).hasSize(2);
  }
}
