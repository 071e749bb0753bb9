package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool's {@code spare-nodes} setting reaches the policy through the loop: an idle pool grows to
 * its spares, keeps them past the idle grace, and removes only what is beyond them.
 */
class SpareNodesOnSimulatedFleetIT {
  private static final String SPARES = "yardmaster.node-pools." + SimulatedFleetFixture.POOL;

  @Test
  void anIdlePoolKeepsItsSpareNodesReady() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(1, Duration.ofMillis(500), Map.of(SPARES + ".spare-nodes", 3))) {
      await().until(() -> fleet.rm().nodes().size() == 1);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());

      DecisionRecord grown = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(grown.action()).isEqualTo(ScalingAction.GROW);
      assertThat(grown.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(grown.target()).isEqualTo(3);
      assertThat(grown.reason()).contains("plus 3 spare nodes");
      await().atMost(Duration.ofSeconds(20)).until(() -> fleet.rm().nodes().size() == 3);

      // well past the 4 min idle grace and the 2 min delay after a grow: nothing beyond the spares
      DecisionRecord later =
          loop.runOnce(SimulatedFleetFixture.POOL, fleet.now().plus(Duration.ofMinutes(10)));
      DecisionRecord muchLater =
          loop.runOnce(SimulatedFleetFixture.POOL, fleet.now().plus(Duration.ofMinutes(20)));

      assertThat(later.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(muchLater.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(muchLater.reason()).contains("3 idle nodes kept by min 1 and 3 spare nodes");
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
    }
  }

  @Test
  void nodesBeyondTheSparesAreRemovedAfterTheGrace() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(4, Duration.ofMillis(500), Map.of(SPARES + ".spare-nodes", 1))) {
      await().until(() -> fleet.rm().nodes().size() == 4);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());
      loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());

      DecisionRecord due =
          loop.runOnce(SimulatedFleetFixture.POOL, fleet.now().plus(Duration.ofMinutes(5)));

      // at most half the registered nodes per decision: 2 of the 3 beyond the one spare
      assertThat(due.action()).isEqualTo(ScalingAction.SHRINK);
      assertThat(due.removedVms()).hasSize(2);
    }
  }
}
