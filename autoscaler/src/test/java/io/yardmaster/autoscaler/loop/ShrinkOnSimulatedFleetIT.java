package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.simulator.emulator.arm.ArmFault;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-in on the simulated fleet: only free nodes, decommission first, resumable. */
class ShrinkOnSimulatedFleetIT {
  @TempDir Path folder;

  private static SimulatedApplication occupyOneNode(SimulatedFleetFixture fleet) {
    SimulatedApplication app =
        fleet
            .rm()
            .submit(
                new ApplicationSpec(
                    "driver-only",
                    "alice",
                    "root.default",
                    List.of(),
                    new Resources(2048, 1),
                    new Resources(1024, 1),
                    0,
                    Duration.ofHours(2),
                    null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fleet.rm().nodes().stream().anyMatch(node -> node.numContainers() > 0));
    return app;
  }

  private static String busyHost(SimulatedFleetFixture fleet) {
    return fleet.rm().nodes().stream()
        .filter(node -> node.numContainers() > 0)
        .map(SimulatedNode::hostName)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void onlyFreeNodesAreDecommissionedThenDeleted() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(3, Duration.ofMillis(500), Map.of())) {
      await().until(() -> fleet.rm().nodes().size() == 3);
      SimulatedApplication app = occupyOneNode(fleet);
      String busy = busyHost(fleet);

      DecisionRecord decision =
          fleet
              .loop(TestPolicy.removeEverything())
              .runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(decision.action()).isEqualTo(ScalingAction.SHRINK);
      assertThat(decision.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(decision.removedVms()).hasSize(2);
      assertThat(decision.reason()).contains("once the delete is over");
      assertThat(fleet.scaleSet().capacity()).isEqualTo(1);
      assertThat(fleet.rm().nodes())
          .filteredOn(node -> node.state() == NodeState.RUNNING)
          .extracting(SimulatedNode::hostName)
          .containsExactly(busy);
      assertThat(app.state().terminal()).as("app state %s", app.state()).isFalse();
      assertThat(fleet.rm().node(busy).orElseThrow().numContainers()).isPositive();
      // The delete was started, not waited for: the hosts stay excluded until it is over.
      assertThat(fleet.store().shrink(SimulatedFleetFixture.POOL).orElseThrow().phase())
          .isEqualTo(ShrinkIntent.Phase.DELETING);

      fleet.skip(Duration.ofSeconds(1));
      DecisionRecord done =
          fleet
              .loop(TestPolicy.removeEverything())
              .runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(done.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(done.reason()).contains("SUCCEEDED").contains("shrink done");
      assertThat(fleet.store().shrink(SimulatedFleetFixture.POOL)).isEmpty();
    }
  }

  @Test
  void aRestartBetweenDecommissionAndDeleteResumesFromTheStoredPhase() throws Exception {
    Path hostsFile = folder.resolve("removal-{cluster}.hosts");
    Path written = folder.resolve("removal-" + SimulatedFleetFixture.CLUSTER + ".hosts");
    Map<String, Object> settings =
        Map.of("yardmaster.autoscaler.removal-hosts-file", hostsFile.toString());
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(3, Duration.ofMillis(500), settings)) {
      await().until(() -> fleet.rm().nodes().size() == 3);
      occupyOneNode(fleet);
      // Read, list and the re-check's list pass; both tries of the delete get a 500.
      fleet
          .armFaults()
          .inject(SimulatedFleetFixture.SCALE_SET_ID, ArmFault.delay(Duration.ZERO), 3);
      fleet.armFaults().inject(SimulatedFleetFixture.SCALE_SET_ID, ArmFault.status(500), 2);

      DecisionRecord crashed =
          fleet
              .loop(TestPolicy.removeEverything())
              .runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(crashed.outcome()).isEqualTo(Outcome.FAILED);
      ShrinkIntent stored = fleet.store().shrink(SimulatedFleetFixture.POOL).orElseThrow();
      assertThat(stored.phase()).isEqualTo(ShrinkIntent.Phase.DELETE);
      assertThat(stored.targets()).hasSize(2);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(3);
      assertThat(fleet.rm().nodes())
          .filteredOn(node -> node.state() != NodeState.RUNNING)
          .hasSize(2);
      assertThat(Files.readAllLines(written, StandardCharsets.UTF_8))
          .containsAll(stored.targets().stream().map(ShrinkIntent.Target::hostName).toList());

      // A new autoscaler (same database) with a policy that would now keep everything.
      TestPolicy keep = TestPolicy.demandFollowing();
      DecisionRecord resumed = fleet.loop(keep).runOnce(SimulatedFleetFixture.POOL, fleet.now());

      assertThat(resumed.action()).isEqualTo(ScalingAction.SHRINK);
      assertThat(resumed.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(resumed.reason()).startsWith("resumed");
      assertThat(resumed.removedVms())
          .containsExactlyInAnyOrderElementsOf(
              stored.targets().stream().map(ShrinkIntent.Target::instanceId).toList());
      assertThat(keep.seen()).isEmpty();
      assertThat(fleet.scaleSet().capacity()).isEqualTo(1);
      assertThat(fleet.store().shrink(SimulatedFleetFixture.POOL).orElseThrow().phase())
          .isEqualTo(ShrinkIntent.Phase.DELETING);

      fleet.skip(Duration.ofSeconds(1));
      fleet.loop(keep).runOnce(SimulatedFleetFixture.POOL, fleet.now());
      assertThat(keep.seen()).isEmpty();
      assertThat(fleet.store().shrink(SimulatedFleetFixture.POOL)).isEmpty();
      assertThat(Files.readAllLines(written, StandardCharsets.UTF_8))
          .noneMatch(line -> !line.startsWith("#"));
    }
  }
}
