package io.yardmaster.bench.autoscaling.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The replay's ARM: what the shipped loop's 412, 429 and operation handling meet. */
class ModelNodePoolTest {
  private static final String ARM_ID =
      "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachineScaleSets/p";

  private final Fleet fleet =
      Fleet.builder(new VirtualClock(0), 1)
          .bootTime(new BootTimeModel(Duration.ofMinutes(4), 0))
          .cluster("c")
          .pool("p", "c", ARM_ID, new Sku("small", 8, 65536, 8, 57344), Priority.ON_DEMAND, 1)
          .build();
  private final SimulatedScaleSet scaleSet = fleet.scaleSet(ARM_ID).orElseThrow();

  private void advance(Duration by) {
    fleet.simulation().runUntil(fleet.simulation().now() + by.toMillis());
  }

  @Test
  void aWriteBeyondTheBudgetIs429WithRetryAfterAndNotApplied() {
    ModelNodePool pool = new ModelNodePool(fleet, scaleSet, 1, 1);

    pool.setCapacity(2, pool.read().etag());

    assertThatThrownBy(() -> pool.setCapacity(3, pool.read().etag()))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.THROTTLED);
              assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
            });
    assertThat(scaleSet.capacity()).isEqualTo(2);
    assertThat(pool.writes()).isEqualTo(1);
    assertThat(pool.throttled()).isEqualTo(1);
  }

  @Test
  void aStaleEtagIs412AndTheScaleSetKeepsItsCapacity() {
    ModelNodePool pool = new ModelNodePool(fleet, scaleSet, 4, 12);
    String etag = pool.read().etag();
    pool.setCapacity(2, etag);

    assertThatThrownBy(() -> pool.setCapacity(5, etag)).isInstanceOf(EtagMismatchException.class);
    assertThat(scaleSet.capacity()).isEqualTo(2);
  }

  @Test
  void aGrowsOperationRunsUntilItsVmsBootedAndTheScaleSetReadsUpdatingMeanwhile() {
    ModelNodePool pool = new ModelNodePool(fleet, scaleSet, 4, 12);
    CloudOperation grow = pool.setCapacity(3, pool.read().etag());

    advance(Duration.ofMinutes(1));
    assertThat(pool.follow(grow.reference()).state())
        .isEqualTo(OperationProgress.State.IN_PROGRESS);
    assertThat(pool.read().provisioningState()).isEqualTo("Updating");

    advance(Duration.ofMinutes(4));
    assertThat(pool.follow(grow.reference()).state()).isEqualTo(OperationProgress.State.SUCCEEDED);
    assertThat(pool.read().provisioningState()).isEqualTo("Succeeded");
  }
}
