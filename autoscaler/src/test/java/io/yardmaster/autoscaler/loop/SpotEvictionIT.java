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

/** A spot pool loses VMs to eviction; the next tick sees the lower capacity and replaces it. */
class SpotEvictionIT {

  @Test
  void evictedCapacityIsReplaced() {
    Map<String, Object> spot =
        Map.of(
            "yardmaster.node-pools." + SimulatedFleetFixture.POOL + ".priority",
            "spot",
            "yardmaster.node-pools." + SimulatedFleetFixture.POOL + ".min-nodes",
            3);
    try (SimulatedFleetFixture fleet = new SimulatedFleetFixture(3, Duration.ofMillis(500), spot)) {
      await().until(() -> fleet.rm().nodes().size() == 3);
      AutoscalerLoop loop = fleet.loop(new YardmasterScalingPolicy());
      assertThat(loop.runOnce(SimulatedFleetFixture.POOL, fleet.now()).action())
          .isEqualTo(ScalingAction.HOLD);

      assertThat(fleet.scaleSet().evict(2)).hasSize(2);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(1);

      DecisionRecord decision = loop.runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(decision.capacity()).isEqualTo(1);
      assertThat(decision.action()).isEqualTo(ScalingAction.GROW);
      assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(decision.target()).isEqualTo(3);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  fleet.rm().nodes().stream()
                          .filter(node -> node.state().name().equals("RUNNING"))
                          .count()
                      == 3);
    }
  }
}
