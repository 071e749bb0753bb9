package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.simulator.emulator.arm.ArmFault;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Growth against the simulator's ARM emulator through the real Azure SDK, with real 412 and 429
 * answers, failing reads and VMs that never come up.
 */
class GrowOnSimulatedFleetIT {

  private static void submitBigJob(SimulatedFleetFixture fleet) {
    fleet
        .rm()
        .submit(
            new ApplicationSpec(
                "big",
                "alice",
                "root.default",
                List.of(),
                new Resources(2048, 1),
                new Resources(4096, 1),
                40,
                Duration.ofHours(2),
                null));
  }

  @Test
  void pendingDemandGrowsThePoolWithOneAbsoluteWrite() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), Map.of())) {
      submitBigJob(fleet);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.rm().metrics().pendingMb() > 0);

      DecisionRecord decision =
          fleet.loop(TestPolicy.demandFollowing()).runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(decision.action()).isEqualTo(ScalingAction.GROW);
      assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(decision.capacity()).isEqualTo(2);
      assertThat(decision.target()).isGreaterThan(2);
      assertThat(decision.pendingMemoryMb()).isPositive();
      assertThat(fleet.scaleSet().capacity()).isEqualTo(decision.target());
      assertThat(fleet.store().decisions(SimulatedFleetFixture.POOL, 10))
          .singleElement()
          .satisfies(
              stored -> {
                assertThat(stored.target()).isEqualTo(decision.target());
                assertThat(stored.reason()).contains("pending");
              });
    }
  }

  /** cluster-autoscaler #3240: a failed read followed by a decision removed 197 nodes. */
  @Test
  void aFailedCapacityReadHoldsWithoutAskingThePolicy() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(3, Duration.ofSeconds(1), Map.of())) {
      await().until(() -> fleet.rm().nodes().size() == 3);
      fleet.armFaults().inject(SimulatedFleetFixture.SCALE_SET_ID, ArmFault.status(500), 4);
      TestPolicy policy = TestPolicy.removeEverything();

      DecisionRecord decision = fleet.loop(policy).runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(decision.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(decision.capacity()).isNull();
      assertThat(decision.reason()).contains("capacity read failed");
      assertThat(policy.seen()).isEmpty();
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
      assertThat(fleet.rm().nodes()).allMatch(node -> node.state().name().equals("RUNNING"));
    }
  }

  @Test
  void aStaleEtagIsReadAgainAndWrittenOnce() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), Map.of())) {
      TestPolicy policy =
          TestPolicy.scripted(snapshot -> ScalingDecision.grow(5, "scripted growth"));
      AutoscalerLoop loop = fleet.loop(policy);
      // The read succeeds, the write answers 412: someone changed the scale set in between.
      fleet
          .armFaults()
          .inject(SimulatedFleetFixture.SCALE_SET_ID, ArmFault.delay(Duration.ZERO), 2);
      fleet.armFaults().inject(SimulatedFleetFixture.SCALE_SET_ID, ArmFault.status(412), 1);

      DecisionRecord decision = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(decision.reason()).contains("412");
      assertThat(fleet.scaleSet().capacity()).isEqualTo(5);
    }
  }

  /** cluster-autoscaler #2817: Retry-After ignored, the throttling only got worse. */
  @Test
  void retryAfterStopsEveryWriteUntilItPasses() {
    Map<String, Object> oneWriteAMinute =
        Map.of(
            "yardmaster.simulator.arm.write-burst", 1,
            "yardmaster.simulator.arm.writes-per-minute", 1);
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(1), oneWriteAMinute)) {
      int[] target = {3};
      AutoscalerLoop loop =
          fleet.loop(TestPolicy.scripted(snapshot -> ScalingDecision.grow(target[0], "scripted")));
      assertThat(loop.runOnce(SimulatedFleetFixture.POOL, fleet.now()).outcome())
          .isEqualTo(Outcome.APPLIED);
      // The grow's operation is over once its VM has booted; the write budget is still spent.
      fleet.skip(Duration.ofSeconds(2));

      target[0] = 4;
      DecisionRecord throttled = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(throttled.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(throttled.reason()).contains("THROTTLED");
      Instant blockedUntil =
          fleet.store().poolState(SimulatedFleetFixture.POOL).writesBlockedUntil();
      assertThat(blockedUntil).isAfter(fleet.now().plusSeconds(30));

      long generation = fleet.scaleSet().generation();
      DecisionRecord held = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now().plusSeconds(5));
      assertThat(held.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(held.reason()).contains("Retry-After");
      assertThat(fleet.scaleSet().generation()).isEqualTo(generation);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);

      fleet.skip(Duration.ofSeconds(61));
      DecisionRecord after = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(after.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(4);
      assertThat(
              fleet.meters.get("yardmaster.pool.throttled").tag("pool", "batch").counter().count())
          .isEqualTo(1.0);
      assertThat(
              fleet
                  .meters
                  .get("yardmaster.autoscaler.decisions")
                  .tags("pool", "batch", "outcome", "SKIPPED")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void vmsThatNeverRegisterAreDeletedAndThePoolBacksOffExponentially() {
    Map<String, Object> settings =
        Map.of(
            "yardmaster.autoscaler.max-provisioning-time", "10m",
            "yardmaster.autoscaler.backoff-base", "2m",
            "yardmaster.autoscaler.backoff-max", "30m");
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(0, Duration.ofHours(5), settings)) {
      AutoscalerLoop loop =
          fleet.loop(TestPolicy.scripted(snapshot -> ScalingDecision.grow(2, "need two")));
      assertThat(loop.runOnce(SimulatedFleetFixture.POOL, fleet.now()).outcome())
          .isEqualTo(Outcome.APPLIED);

      fleet.skip(Duration.ofMinutes(11));
      DecisionRecord stuck = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(stuck.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(stuck.removedVms()).hasSize(2);
      assertThat(stuck.reason()).contains("did not register");
      assertThat(fleet.scaleSet().capacity()).isZero();
      Instant firstBackoff = fleet.store().poolState(SimulatedFleetFixture.POOL).backoffUntil();
      assertThat(Duration.between(fleet.now(), firstBackoff))
          .isBetween(Duration.ofSeconds(100), Duration.ofMinutes(2));
      // The delete's operation ends (a grow would wait for it, before any back-off).
      fleet.skip(Duration.ofSeconds(1));

      DecisionRecord backedOff = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(backedOff.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(backedOff.reason()).contains("backed off");
      assertThat(fleet.scaleSet().capacity()).isZero();

      fleet.skip(Duration.ofMinutes(3));
      assertThat(loop.runOnce(SimulatedFleetFixture.POOL, fleet.now()).outcome())
          .isEqualTo(Outcome.APPLIED);
      fleet.skip(Duration.ofMinutes(11));
      loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      Instant secondBackoff = fleet.store().poolState(SimulatedFleetFixture.POOL).backoffUntil();
      assertThat(Duration.between(fleet.now(), secondBackoff))
          .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4));
      assertThat(fleet.store().poolState(SimulatedFleetFixture.POOL).backoffLevel()).isEqualTo(2);

      // The next try's VMs come up: the back-off resets.
      fleet.skip(Duration.ofMinutes(5));
      assertThat(loop.runOnce(SimulatedFleetFixture.POOL, fleet.now()).outcome())
          .isEqualTo(Outcome.APPLIED);
      fleet.skip(Duration.ofHours(6));
      await().until(() -> fleet.rm().nodes().size() == 2);
      loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(fleet.store().poolState(SimulatedFleetFixture.POOL).backoffLevel()).isZero();
    }
  }
}
