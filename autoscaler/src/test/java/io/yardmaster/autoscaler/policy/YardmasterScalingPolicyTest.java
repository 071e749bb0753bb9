package io.yardmaster.autoscaler.policy;

import static io.yardmaster.autoscaler.policy.Snapshots.fresh;
import static io.yardmaster.autoscaler.policy.Snapshots.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class YardmasterScalingPolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ContainerShape BIG = new ContainerShape(10, 8, 32768);
  private static final ContainerShape SMALL = new ContainerShape(6, 4, 16384);
  private static final ContainerShape DRIVER = new ContainerShape(1, 1, 4096, true);

  private final YardmasterScalingPolicy policy = new YardmasterScalingPolicy();

  @Test
  void growsByPackingShapesIntoNodes() {
    // 10 x 8 vcores = 5 nodes; 6 x 4 vcores = 1.5 nodes; one driver rides in the half-empty node
    ScalingDecision decision = policy.decide(pool().demand(fresh(BIG, SMALL, DRIVER)).build(), T0);

    assertThat(decision.action()).isEqualTo(ScalingAction.GROW);
    assertThat(decision.targetCapacity()).isEqualTo(7);
    assertThat(decision.reason()).contains("need 7 new nodes");
  }

  @Test
  void packsIntoFreeRoomOfRunningNodesFirst() {
    // a busy node has 8 vcores left: takes one big executor; the other 9 need 5 nodes
    PoolSnapshot snapshot = pool().busyNode("n1", 2, 8, 8192).demand(fresh(BIG)).build();

    ScalingDecision decision = policy.decide(snapshot, T0);

    assertThat(decision.targetCapacity()).isEqualTo(1 + 5);
  }

  @Test
  void countsBootingVms() {
    PoolSnapshot fourBooting = pool().booting(4).demand(fresh(BIG)).build();
    PoolSnapshot fiveBooting = pool().booting(5).demand(fresh(BIG)).build();

    ScalingDecision some = policy.decide(fourBooting, T0);
    ScalingDecision enough = policy.decide(fiveBooting, T0);

    assertThat(some.action()).isEqualTo(ScalingAction.GROW);
    assertThat(some.targetCapacity()).isEqualTo(5);
    assertThat(enough.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(enough.reason()).contains("fits running and booting nodes");
  }

  @Test
  void respectsMax() {
    PoolSnapshot snapshot = pool().freeNode("n1").bounds(0, 3).demand(fresh(BIG, BIG)).build();

    ScalingDecision decision = policy.decide(snapshot, T0);

    assertThat(decision.targetCapacity()).isEqualTo(3);
    assertThat(decision.reason()).contains("capped by max");
    PoolSnapshot atMax = pool().busyNode("n1", 1, 16, 1024).bounds(0, 1).demand(fresh(BIG)).build();
    assertThat(policy.decide(atMax, T0).action()).isEqualTo(ScalingAction.HOLD);
  }

  @Test
  void growsToMinWithoutDemand() {
    ScalingDecision decision = policy.decide(pool().bounds(3, 10).build(), T0);

    assertThat(decision.action()).isEqualTo(ScalingAction.GROW);
    assertThat(decision.targetCapacity()).isEqualTo(3);
  }

  @Test
  void ignoresContainersLargerThanANode() {
    ContainerShape huge = new ContainerShape(3, 32, 1024);

    ScalingDecision decision = policy.decide(pool().demand(fresh(huge)).build(), T0);

    assertThat(decision.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(decision.reason()).contains("ignored 3 containers larger than a node");
  }

  @Test
  void spotPoolDoesNotGrowForApplicationMasters() {
    ContainerShape drivers = new ContainerShape(40, 1, 4096, true);

    ScalingDecision decision = policy.decide(pool().spot().demand(fresh(drivers)).build(), T0);

    assertThat(decision.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(decision.reason()).contains("ignored 40 application masters");
  }

  @Test
  void lowerRankedPoolWaitsForThePreferredPools() {
    PoolSnapshot waiting = pool().rank(1, false).demand(fresh(BIG)).build();
    PoolSnapshot overflow = pool().rank(1, true).demand(fresh(BIG)).build();

    assertThat(policy.decide(waiting, T0).action()).isEqualTo(ScalingAction.HOLD);
    assertThat(policy.decide(overflow, T0).action()).isEqualTo(ScalingAction.GROW);
  }

  @Test
  void fallsBackToAggregatesWithoutShapes() {
    Demand aggregate = new Demand(40, 1024, List.of(), Duration.ofSeconds(10), false);

    ScalingDecision decision = policy.decide(pool().freeNode("n1").demand(aggregate).build(), T0);

    // 40 vcores - 16 free = 24 -> 2 nodes
    assertThat(decision.targetCapacity()).isEqualTo(3);
  }

  @Test
  void nodesThatRegisteredSinceTheLastTickMayHoldTheLaggingPendingContainers() {
    // the sample (10 s old) still shows 3 executors that the two VMs which just registered took
    Demand lagging = fresh(new ContainerShape(3, 8, 32768));
    PoolSnapshot before = pool().busyNode("n0", 1, 8, 8192).booting(2).demand(lagging).build();
    PoolSnapshot after =
        pool()
            .busyNode("n0", 1, 8, 8192)
            .busyNode("a", 2, 16, 65536)
            .busyNode("b", 1, 8, 32768)
            .demand(lagging)
            .build();
    policy.decide(before, T0);

    ScalingDecision decision = policy.decide(after, T0.plusSeconds(30));

    assertThat(decision.action()).isEqualTo(ScalingAction.HOLD);
    // without that allowance it would have grown: a fresh policy counts only the free room
    assertThat(new YardmasterScalingPolicy().decide(after, T0).action())
        .isEqualTo(ScalingAction.GROW);
  }

  @Test
  void announcedExecutorsGrowThePoolTogetherWithTheirDriver() {
    // YARN shows one pending driver; its 10 big executors are only announced (driver not running)
    Demand driverOnly = fresh(DRIVER).withAnnounced(List.of(BIG));

    ScalingDecision decision = policy.decide(pool().demand(driverOnly).build(), T0);

    // 10 x 8 vcores = 5 nodes, the driver in one more: one boot instead of two in a row
    assertThat(decision.action()).isEqualTo(ScalingAction.GROW);
    assertThat(decision.targetCapacity()).isEqualTo(6);
    assertThat(decision.reason()).contains("10 containers announced");
  }

  @Test
  void announcedExecutorsThatFitTheFreeRoomHoldTheNodesTheyWillUse() {
    Demand announced = fresh().withAnnounced(List.of(new ContainerShape(2, 8, 32768)));
    PoolSnapshot snapshot = pool().freeNode("n1").freeNode("n2").demand(announced).build();

    ScalingDecision first = policy.decide(snapshot, T0);
    ScalingDecision later = policy.decide(snapshot, T0.plus(Duration.ofMinutes(30)));

    assertThat(first.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(later.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(later.reason()).contains("fits running and booting nodes");
  }

  @Test
  void announcedExecutorsAddToAggregateDemand() {
    Demand aggregate =
        new Demand(8, 1024, List.of(), Duration.ofSeconds(10), false)
            .withAnnounced(List.of(new ContainerShape(4, 8, 32768)));

    ScalingDecision decision = policy.decide(pool().demand(aggregate).build(), T0);

    // 8 + 32 vcores -> 3 nodes
    assertThat(decision.targetCapacity()).isEqualTo(3);
  }
}
