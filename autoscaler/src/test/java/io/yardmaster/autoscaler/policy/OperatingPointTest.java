package io.yardmaster.autoscaler.policy;

import static io.yardmaster.autoscaler.policy.Snapshots.fresh;
import static io.yardmaster.autoscaler.policy.Snapshots.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor share (cost mode) and spare nodes (latency mode) beside the idle grace. */
class OperatingPointTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  // 4 executors of 4 vcores fill a 16-vcore node
  private static final ContainerShape EXECUTORS = new ContainerShape(40, 4, 16384);
  private static final ContainerShape DRIVERS = new ContainerShape(8, 1, 2048, true);

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static YardmasterScalingPolicy withShare(double share) {
    return new YardmasterScalingPolicy(
        new YardmasterPolicyConfig(Duration.ofMinutes(4), Duration.ofMinutes(2), 0.5, share));
  }

  @Test
  void aShareBuysNodesForThatShareOfTheExecutors() {
    PoolSnapshot snapshot = pool().demand(fresh(EXECUTORS)).build();

    ScalingDecision all = withShare(1.0).decide(snapshot, T0);
    ScalingDecision quarter = withShare(0.25).decide(snapshot, T0);

    assertThat(all.targetCapacity()).isEqualTo(10);
    assertThat(quarter.action()).isEqualTo(ScalingAction.GROW);
    assertThat(quarter.targetCapacity()).isEqualTo(3); // ceil(40 x 0.25) = 10 executors
    assertThat(quarter.reason()).contains("executors at a 25% share");
  }

  @Test
  void applicationMastersCountInFullWhateverTheShare() {
    PoolSnapshot drivers = pool().demand(fresh(new ContainerShape(40, 1, 2048, true))).build();

    ScalingDecision decision = withShare(0.1).decide(drivers, T0);

    assertThat(decision.targetCapacity()).isEqualTo(3); // 40 vcores; 4 drivers would need one
  }

  @Test
  void aShareStillHoldsScaleInWhileExecutorsArePending() {
    YardmasterScalingPolicy policy = withShare(0.25);
    // one free node: a quarter of 4 executors (1) fits it, so no grow, and no scale-in either
    PoolSnapshot snapshot =
        pool().freeNode("n1").demand(fresh(new ContainerShape(4, 4, 16384))).build();

    policy.decide(snapshot, T0);
    ScalingDecision later = policy.decide(snapshot, at(10));

    assertThat(later.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(later.reason()).contains("fits running and booting nodes");
  }

  @Test
  void theShareAppliesToAggregatesWhenYarnShowsNoShapes() {
    Demand aggregates = new Demand(160, 655360, List.of(), Duration.ofSeconds(10), false);

    ScalingDecision decision = withShare(0.5).decide(pool().demand(aggregates).build(), T0);

    assertThat(decision.targetCapacity()).isEqualTo(5); // 80 vcores of 16
  }

  @Test
  void sparesAreGrownWithoutDemandAndOnTopOfIt() {
    YardmasterScalingPolicy policy = new YardmasterScalingPolicy();

    ScalingDecision idle = policy.decide(pool().spare(3).build(), T0);
    ScalingDecision busy =
        policy.decide(pool().spare(3).demand(fresh(EXECUTORS)).build(), T0.plusSeconds(30));

    assertThat(idle.action()).isEqualTo(ScalingAction.GROW);
    assertThat(idle.targetCapacity()).isEqualTo(3);
    assertThat(idle.reason()).contains("plus 3 spare nodes");
    assertThat(busy.targetCapacity()).isEqualTo(13);
  }

  @Test
  void busyNodesAndPartlyFreeRoomAreNotSpares() {
    PoolSnapshot snapshot =
        pool().spare(2).freeNode("n1").busyNode("n2", 1, 4, 16384).booting(1).build();

    ScalingDecision decision = new YardmasterScalingPolicy().decide(snapshot, T0);

    // n1 and the booting VM are the two spares; n2's free 12 vcores are not a spare node
    assertThat(decision.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(decision.targetCapacity()).isEqualTo(3);
  }

  @Test
  void scaleInKeepsTheMostRecentlyFreedNodesAsSpares() {
    YardmasterScalingPolicy policy = new YardmasterScalingPolicy();
    PoolSnapshot n2Busy =
        pool().spare(2).freeNode("n1").busyNode("n2", 1, 4, 4096).freeNode("n3").build();
    PoolSnapshot allFree = pool().spare(2).freeNode("n1").freeNode("n2").freeNode("n3").build();

    ScalingDecision start = policy.decide(n2Busy, T0);
    policy.decide(allFree, at(1));
    ScalingDecision due = policy.decide(allFree, at(5));
    ScalingDecision after =
        policy.decide(pool().spare(2).freeNode("n2").freeNode("n3").build(), at(20));

    assertThat(start.action()).isEqualTo(ScalingAction.HOLD);
    // n1 and n3 free since T0, n2 since 1 min: one surplus node, the one free longest
    assertThat(due.action()).isEqualTo(ScalingAction.SHRINK);
    assertThat(due.removeNodes()).containsExactly("n1");
    assertThat(after.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(after.reason()).contains("2 idle nodes kept by min 0 and 2 spare nodes");
  }

  @Test
  void theShareMustBeAFractionOfOne() {
    assertThatThrownBy(() -> withShare(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executorShare must be in (0, 1]");
    assertThatThrownBy(() -> withShare(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
