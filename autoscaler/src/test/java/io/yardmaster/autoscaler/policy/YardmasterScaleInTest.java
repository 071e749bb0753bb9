package io.yardmaster.autoscaler.policy;

import static io.yardmaster.autoscaler.policy.Snapshots.fresh;
import static io.yardmaster.autoscaler.policy.Snapshots.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class YardmasterScaleInTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final YardmasterPolicyConfig CONFIG =
      new YardmasterPolicyConfig(Duration.ofMinutes(4), Duration.ofMinutes(2), 0.5, 1.0);

  private final YardmasterScalingPolicy policy = new YardmasterScalingPolicy(CONFIG);

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void removesANodeOnlyAfterItWasFreeForTheIdleGrace() {
    PoolSnapshot snapshot = pool().freeNode("n1").busyNode("n2", 1, 4, 4096).build();

    ScalingDecision first = policy.decide(snapshot, T0);
    ScalingDecision early = policy.decide(snapshot, at(3));
    ScalingDecision due = policy.decide(snapshot, at(4));

    assertThat(first.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(early.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(early.reason()).contains("no node free for 4 min");
    assertThat(due.action()).isEqualTo(ScalingAction.SHRINK);
    assertThat(due.removeNodes()).containsExactly("n1");
    assertThat(due.targetCapacity()).isEqualTo(2);
  }

  @Test
  void aLeftOverDecommissionedNodeIsRemovedLikeAFreeOne() {
    // finished draining after a shrink's re-check kept it: NodeManager gone, VM still paid for
    NodeView leftOver = new NodeView("n1", "v1", "DECOMMISSIONED", 0, 0, 0, 0, 16, 114688);
    PoolSnapshot snapshot = pool().node(leftOver).busyNode("n2", 1, 4, 4096).build();

    policy.decide(snapshot, T0);
    ScalingDecision due = policy.decide(snapshot, at(4));

    assertThat(due.action()).isEqualTo(ScalingAction.SHRINK);
    assertThat(due.removeNodes()).containsExactly("n1");
  }

  @Test
  void aNodeBusyInBetweenRestartsItsIdleClock() {
    PoolSnapshot free = pool().freeNode("n1").build();
    PoolSnapshot busy = pool().busyNode("n1", 1, 4, 4096).build();

    policy.decide(free, T0);
    policy.decide(busy, at(2));
    policy.decide(free, at(3));

    assertThat(policy.decide(free, at(6)).action()).isEqualTo(ScalingAction.HOLD);
    assertThat(policy.decide(free, at(7)).removeNodes()).containsExactly("n1");
  }

  @Test
  void neverChoosesANodeWithContainersOrRunningApplications() {
    // n2: no containers but an application's shuffle data; n3: containers, no vcores reported
    NodeView shuffle = new NodeView("n2", "v2", "RUNNING", 0, 1, 0, 0, 16, 114688);
    NodeView containers = new NodeView("n3", "v3", "RUNNING", 2, 0, 0, 0, 16, 114688);
    NodeView draining = new NodeView("n4", "v4", "DECOMMISSIONING", 0, 0, 0, 0, 16, 114688);
    PoolSnapshot snapshot =
        pool().freeNode("n1").node(shuffle).node(containers).node(draining).build();

    policy.decide(snapshot, T0);
    ScalingDecision later = policy.decide(snapshot, at(30));

    assertThat(later.removeNodes()).containsExactly("n1");
  }

  @Test
  void staleOrMissingDemandNeverShrinks() {
    PoolSnapshot stale = pool().freeNode("n1").freeNode("n2").demand(Demand.missing()).build();
    PoolSnapshot staleWithValues =
        pool()
            .freeNode("n1")
            .freeNode("n2")
            .demand(new Demand(0, 0, java.util.List.of(), Duration.ofMinutes(5), true))
            .build();

    for (int minute = 0; minute <= 60; minute += 5) {
      assertThat(policy.decide(stale, at(minute)).action()).isEqualTo(ScalingAction.HOLD);
      assertThat(policy.decide(staleWithValues, at(minute)).action()).isEqualTo(ScalingAction.HOLD);
    }
    assertThat(policy.decide(stale, at(61)).reason()).contains("scale-in frozen");
  }

  @Test
  void pendingDemandHoldsScaleIn() {
    PoolSnapshot pending =
        pool().freeNode("n1").booting(1).demand(fresh(new ContainerShape(2, 8, 32768))).build();

    policy.decide(pending, T0);

    assertThat(policy.decide(pending, at(10)).action()).isEqualTo(ScalingAction.HOLD);
  }

  @Test
  void noScaleInRightAfterAGrow() {
    PoolSnapshot needs =
        pool().freeNode("n1").demand(fresh(new ContainerShape(4, 8, 32768))).build();
    PoolSnapshot calm = pool().freeNode("n1").freeNode("n2").build();

    policy.decide(calm, T0);
    assertThat(policy.decide(needs, at(5)).action()).isEqualTo(ScalingAction.GROW);
    ScalingDecision afterGrow = policy.decide(calm, at(6));

    assertThat(afterGrow.action()).isEqualTo(ScalingAction.HOLD);
    assertThat(afterGrow.reason()).contains("delayed after the last grow");
    assertThat(policy.decide(calm, at(7)).action()).isEqualTo(ScalingAction.SHRINK);
  }

  @Test
  void keepsMinAndRemovesAtMostTheShareOfNodes() {
    Snapshots six = pool().bounds(1, 10);
    for (int i = 1; i <= 6; i++) {
      six.freeNode("n" + i);
    }
    PoolSnapshot snapshot = six.build();

    policy.decide(snapshot, T0);
    ScalingDecision decision = policy.decide(snapshot, at(10));
    PoolSnapshot two = pool().bounds(2, 10).freeNode("a").freeNode("b").build();
    policy.decide(two, T0);

    assertThat(decision.removeNodes()).hasSize(3);
    assertThat(policy.decide(two, at(10)).action()).isEqualTo(ScalingAction.HOLD);
  }

  @Test
  void aTargetIsNeverBelowTheCapacityRead() {
    PoolSnapshot snapshot = pool().freeNode("n1").capacity(7).booting(0).build();

    policy.decide(snapshot, T0);
    ScalingDecision decision = policy.decide(snapshot, at(10));

    assertThat(decision.action()).isEqualTo(ScalingAction.SHRINK);
    assertThat(decision.targetCapacity()).isEqualTo(7);
  }
}
