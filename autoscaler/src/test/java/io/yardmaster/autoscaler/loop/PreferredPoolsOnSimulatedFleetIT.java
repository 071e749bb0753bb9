package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two pools on one cluster: the on-demand pool {@link SimulatedFleetFixture#POOL} is preferred, a
 * spot pool ranked after it takes the pending demand only once the preferred pool cannot grow. Both
 * run through the production loop and policy on the simulated fleet.
 */
class PreferredPoolsOnSimulatedFleetIT {
  private static final String SPOT = "spot";
  private static final String SPOT_SCALE_SET_ID =
      "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-yardmaster"
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-spot";

  /** Both pools start with 2 running nodes; the preferred pool may grow to {@code preferredMax}. */
  private static SimulatedFleetFixture twoPools(int preferredMax) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("yardmaster.node-pools." + SimulatedFleetFixture.POOL + ".preference", 10);
    settings.put(
        "yardmaster.node-pools." + SimulatedFleetFixture.POOL + ".max-nodes", preferredMax);
    String spot = "yardmaster.node-pools." + SPOT + ".";
    settings.put(spot + "cluster", SimulatedFleetFixture.CLUSTER);
    settings.put(spot + "scale-set-id", SPOT_SCALE_SET_ID);
    settings.put(spot + "sku-name", "Standard_D8s_v5");
    settings.put(spot + "vm-cores", 8);
    settings.put(spot + "vm-memory-mb", 32768);
    settings.put(spot + "priority", "spot");
    settings.put(spot + "min-nodes", 0);
    settings.put(spot + "max-nodes", 20);
    settings.put(spot + "preference", 20);
    SimulatedFleetFixture fleet = new SimulatedFleetFixture(2, Duration.ofSeconds(30), settings);
    await().atMost(Duration.ofSeconds(10)).until(() -> fleet.rm().nodes().size() == 4);
    return fleet;
  }

  /** A job whose executors (4 GiB each, about 7 to a node) need more than the 4 nodes there are. */
  private static void submitJob(SimulatedFleetFixture fleet, int executors) {
    fleet
        .rm()
        .submit(
            new ApplicationSpec(
                "etl",
                "alice",
                "root.default",
                List.of(),
                new Resources(2048, 1),
                new Resources(4096, 1),
                executors,
                Duration.ofHours(2),
                null));
    await().atMost(Duration.ofSeconds(10)).until(() -> fleet.rm().metrics().pendingMb() > 0);
  }

  @Test
  void aPreferredPoolAtItsMaxLeavesThePendingDemandToTheNextPool() {
    try (SimulatedFleetFixture fleet = twoPools(2)) {
      submitJob(fleet, 60);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());

      DecisionRecord preferred = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(preferred.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(preferred.reason()).contains("at max 2");

      DecisionRecord spot = loop.runOnce(SPOT, fleet.now());

      assertThat(spot.action()).isEqualTo(ScalingAction.GROW);
      assertThat(spot.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(spot.capacity()).isEqualTo(2);
      assertThat(spot.target()).isGreaterThan(2);
      assertThat(spot.reason()).contains("preferred pools cannot grow: batch at max 2");
      assertThat(fleet.scaleSet(SPOT_SCALE_SET_ID).capacity()).isEqualTo(spot.target());
      assertThat(fleet.scaleSet().capacity()).isEqualTo(2);
    }
  }

  @Test
  void aPreferredPoolThatCanStillGrowKeepsThePendingDemand() {
    try (SimulatedFleetFixture fleet = twoPools(20)) {
      submitJob(fleet, 40);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());

      DecisionRecord preferred = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(preferred.action()).isEqualTo(ScalingAction.GROW);
      assertThat(preferred.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(preferred.target()).isBetween(3, 19);

      DecisionRecord spot = loop.runOnce(SPOT, fleet.now());

      assertThat(spot.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(spot.reason()).contains("left to the preferred pools");
      assertThat(fleet.scaleSet(SPOT_SCALE_SET_ID).capacity()).isEqualTo(2);
    }
  }

  /**
   * The preferred pool's last tick grew it to its max: its VMs are still booting, its capacity read
   * then was below the max, yet it cannot grow any further.
   */
  @Test
  void aPreferredPoolJustGrownToItsMaxLeavesTheRestToTheNextPool() {
    try (SimulatedFleetFixture fleet = twoPools(4)) {
      submitJob(fleet, 80);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());

      DecisionRecord preferred = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(preferred.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(preferred.capacity()).isEqualTo(2);
      assertThat(preferred.target()).isEqualTo(4);

      DecisionRecord spot = loop.runOnce(SPOT, fleet.now());

      assertThat(spot.action()).isEqualTo(ScalingAction.GROW);
      assertThat(spot.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(spot.reason()).contains("batch at max 4");
      assertThat(fleet.scaleSet(SPOT_SCALE_SET_ID).capacity()).isEqualTo(spot.target());
    }
  }
}
