package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.ContainerKind;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose executors exited while their application runs on (Spark's dynamic allocation) keeps
 * the application's shuffle data: the autoscaler, reading the node's own NodeManager REST API
 * through the RM emulator's {@code nodeHTTPAddress}, does not remove it until the application ends.
 */
class ShuffleGuardOnSimulatedFleetIT {
  /** Two 20 GB executors cannot share a 28 GB NodeManager: at least one runs without the driver. */
  private static final ApplicationSpec SHUFFLING_JOB =
      new ApplicationSpec(
          "shuffling-job",
          "alice",
          "root.default",
          List.of(),
          new Resources(2048, 1),
          new Resources(20480, 1),
          2,
          Duration.ofHours(2),
          null);

  @Test
  void aNodeHostingARunningAppIsKeptUntilTheAppEnds() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(3, Duration.ofMillis(500), Map.of())) {
      await().until(() -> fleet.rm().nodes().size() == 3);
      SimulatedApplication app = fleet.rm().submit(SHUFFLING_JOB);
      await().atMost(Duration.ofSeconds(20)).until(() -> app.executorsRunning() == 2);
      SimulatedNode executorsOnly =
          fleet.rm().nodes().stream()
              .filter(node -> node.numContainers() > 0)
              .filter(
                  node ->
                      node.containers().stream()
                          .allMatch(container -> container.kind() == ContainerKind.EXECUTOR))
              .findFirst()
              .orElseThrow();
      for (SimulatedContainer executor : executorsOnly.containers()) {
        assertThat(fleet.rm().releaseExecutor(executor.id())).isTrue();
      }
      assertThat(executorsOnly.numContainers()).isZero();
      assertThat(executorsOnly.runningApplications()).containsExactly(app);
      String nodeId = executorsOnly.id();
      TestPolicy removeIt =
          TestPolicy.scripted(
              snapshot ->
                  ScalingDecision.shrink(
                      snapshot.capacity(), List.of(nodeId), "remove the container-less node"));

      DecisionRecord held = fleet.loop(removeIt).runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(held.action()).as(held.reason()).isEqualTo(ScalingAction.HOLD);
      assertThat(held.removedVms()).isEmpty();
      NodeView seen =
          removeIt.seen().get(0).nodes().stream()
              .filter(node -> node.nodeId().equals(nodeId))
              .findFirst()
              .orElseThrow();
      assertThat(seen.containers()).isZero();
      assertThat(seen.runningApplications()).isEqualTo(1);
      assertThat(seen.free()).isFalse();
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
      assertThat(executorsOnly.state()).isEqualTo(NodeState.RUNNING);

      fleet.rm().kill(app.id());
      await().atMost(Duration.ofSeconds(20)).until(() -> app.state().terminal());
      assertThat(executorsOnly.runningApplications()).isEmpty();

      DecisionRecord removed =
          fleet.loop(removeIt).runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(removed.action()).as(removed.reason()).isEqualTo(ScalingAction.SHRINK);
      assertThat(removed.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(removed.removedVms()).containsExactly(executorsOnly.instanceId());
      assertThat(fleet.scaleSet().capacity()).isEqualTo(2);
    }
  }
}
