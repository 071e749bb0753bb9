package io.yardmaster.simulator.model;

import static io.yardmaster.simulator.model.TestFleets.START;
import static io.yardmaster.simulator.model.TestFleets.job;
import static io.yardmaster.simulator.model.TestFleets.runFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.Priority;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

  @Test
  void applicationRunsThroughItsStatesAndIsAccounted() {
    Fleet fleet = TestFleets.alpha(2, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();

    SimulatedApplication app = alpha.submit(job(2, Duration.ofSeconds(100)));
    assertThat(app.id()).isEqualTo("application_" + START + "_0001");
    assertThat(app.state()).isEqualTo(ApplicationState.ACCEPTED);
    assertThat(app.spec().tags()).containsExactly("team-a");

    runFor(fleet, Duration.ofSeconds(1));
    assertThat(app.state()).isEqualTo(ApplicationState.ACCEPTED);
    assertThat(app.runningContainers()).isEqualTo(1);

    runFor(fleet, Duration.ofSeconds(50));
    assertThat(app.state()).isEqualTo(ApplicationState.RUNNING);
    assertThat(app.executorsRunning()).isEqualTo(2);
    assertThat(alpha.metrics().allocatedVirtualCores()).isEqualTo(9);
    assertThat(alpha.metrics().appsRunning()).isEqualTo(1);

    runFor(fleet, Duration.ofSeconds(100));
    assertThat(app.state()).isEqualTo(ApplicationState.FINISHED);
    assertThat(app.finalStatus()).isEqualTo(FinalStatus.SUCCEEDED);
    // driver from 0 s to 102 s, executors from 2 s to 102 s
    assertThat(app.finishedMillis() - START).isEqualTo(102_000);
    assertThat(app.vcoreSeconds(fleet.simulation().now())).isEqualTo(102 + 2 * 4 * 100);
    assertThat(app.memorySeconds(fleet.simulation().now()))
        .isEqualTo(4096L * 102 + 2 * 16384L * 100);
    assertThat(alpha.metrics().allocatedMb()).isZero();
    assertThat(alpha.metrics().appsCompleted()).isEqualTo(1);
  }

  @Test
  void executorShortfallSlowsTheApplication() {
    Fleet fleet = TestFleets.alpha(1, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();

    // one 16-vcore node: the driver takes 1 vcore, so 3 of the 4 executors fit
    SimulatedApplication app = alpha.submit(job(4, Duration.ofSeconds(300)));
    runFor(fleet, Duration.ofHours(1));

    assertThat(app.state()).isEqualTo(ApplicationState.FINISHED);
    long ranMillis = app.finishedMillis() - app.launchedMillis();
    assertThat(ranMillis).isEqualTo(400_000);
  }

  @Test
  void binPackingFillsTheMostAllocatedNodeFirstAndMarkedNodesLast() {
    Fleet fleet = TestFleets.builder(1).cluster("alpha").build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedNode first = alpha.addNode("n1", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedNode second = alpha.addNode("n2", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedNode third = alpha.addNode("n3", new Resources(65536, 16), Priority.ON_DEMAND);
    alpha.markForRemoval("n1:8041", true);

    alpha.submit(job(2, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));

    // driver + 2 executors pack onto one unmarked node, leaving the others empty
    assertThat(List.of(first.numContainers(), second.numContainers(), third.numContainers()))
        .containsExactly(0, 3, 0);
    assertThat(second.used()).isEqualTo(new Resources(4096 + 2 * 16384, 9));
  }

  @Test
  void spreadingPlacementIsAvailableAsBaseline() {
    Fleet fleet =
        TestFleets.builder(1).placement(new LeastAllocatedPlacement()).cluster("alpha").build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedNode first = alpha.addNode("n1", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedNode second = alpha.addNode("n2", new Resources(65536, 16), Priority.ON_DEMAND);

    alpha.submit(job(2, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));

    assertThat(first.numContainers() + second.numContainers()).isEqualTo(3);
    assertThat(Math.abs(first.numContainers() - second.numContainers())).isEqualTo(1);
  }

  @Test
  void driversGoOnlyToOnDemandNodesWhenThereAreAny() {
    Fleet fleet = TestFleets.alpha(1, 2);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    for (int i = 0; i < 20; i++) {
      alpha.submit(job(1, Duration.ofMinutes(30)));
    }
    runFor(fleet, Duration.ofMinutes(1));

    for (SimulatedNode node : alpha.nodes()) {
      for (SimulatedContainer container : node.containers()) {
        if (container.kind() == ContainerKind.APPLICATION_MASTER) {
          assertThat(node.priority()).isEqualTo(Priority.ON_DEMAND);
        }
      }
    }
    assertThat(alpha.metrics().appsRunning()).isBetween(1L, 16L);
    assertThat(alpha.metrics().appsPending()).isPositive();
  }

  @Test
  void gracefulDecommissionWaitsForContainersAndTakesNoNewOnes() {
    Fleet fleet = TestFleets.builder(1).cluster("alpha").build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedNode node = alpha.addNode("n1", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedApplication first = alpha.submit(job(1, Duration.ofSeconds(60)));
    runFor(fleet, Duration.ofSeconds(10));

    assertThat(alpha.decommission("n1")).isTrue();
    assertThat(node.state()).isEqualTo(NodeState.DECOMMISSIONING);
    SimulatedApplication second = alpha.submit(job(1, Duration.ofSeconds(60)));
    runFor(fleet, Duration.ofSeconds(120));

    assertThat(first.state()).isEqualTo(ApplicationState.FINISHED);
    assertThat(node.state()).isEqualTo(NodeState.DECOMMISSIONED);
    assertThat(second.state()).isEqualTo(ApplicationState.ACCEPTED);
    assertThat(alpha.metrics().decommissionedNodes()).isEqualTo(1);
    assertThat(alpha.metrics().activeNodes()).isZero();
  }

  @Test
  void recommissionPutsADecommissioningNodeBackInServiceButNotADecommissionedOne() {
    Fleet fleet = TestFleets.builder(1).cluster("alpha").build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedNode busy = alpha.addNode("n1", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedNode idle = alpha.addNode("n2", new Resources(65536, 16), Priority.ON_DEMAND);
    SimulatedApplication first = alpha.submit(job(1, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));
    SimulatedNode used = busy.numContainers() > 0 ? busy : idle;
    SimulatedNode empty = used == busy ? idle : busy;
    alpha.decommission(used.hostName());
    alpha.decommission(empty.hostName());
    assertThat(used.state()).isEqualTo(NodeState.DECOMMISSIONING);
    assertThat(empty.state()).isEqualTo(NodeState.DECOMMISSIONED);

    assertThat(alpha.recommission(used.hostName())).isTrue();
    assertThat(alpha.recommission(empty.hostName())).isFalse();
    SimulatedApplication second = alpha.submit(job(1, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));

    assertThat(used.state()).isEqualTo(NodeState.RUNNING);
    assertThat(empty.state()).isEqualTo(NodeState.DECOMMISSIONED);
    assertThat(first.state()).isEqualTo(ApplicationState.RUNNING);
    assertThat(second.state()).isEqualTo(ApplicationState.RUNNING);
    assertThat(second.driverContainer().node()).isSameAs(used);
  }

  @Test
  void killReleasesContainersAndKeepsTheApplicationKilled() {
    Fleet fleet = TestFleets.alpha(1, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedApplication app = alpha.submit(job(2, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));

    alpha.kill(app.id());

    assertThat(app.state()).isEqualTo(ApplicationState.KILLED);
    assertThat(app.finalStatus()).isEqualTo(FinalStatus.KILLED);
    assertThat(app.diagnostics()).isEqualTo("Application killed by user.");
    assertThat(alpha.metrics().allocatedVirtualCores()).isZero();
    assertThat(alpha.metrics().appsKilled()).isEqualTo(1);
    assertThat(alpha.kill("application_1_9999")).isEmpty();
  }

  @Test
  void configuredFailureEndsFinishedWithFinalStatusFailed() {
    Fleet fleet = TestFleets.alpha(1, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    ApplicationSpec spec = job(1, Duration.ofSeconds(30));
    SimulatedApplication app =
        alpha.submit(
            new ApplicationSpec(
                spec.name(),
                spec.user(),
                spec.queue(),
                spec.tags(),
                spec.driver(),
                spec.executor(),
                1,
                spec.duration(),
                "User class threw exception: boom"));
    runFor(fleet, Duration.ofMinutes(1));

    assertThat(app.state()).isEqualTo(ApplicationState.FINISHED);
    assertThat(app.finalStatus()).isEqualTo(FinalStatus.FAILED);
    assertThat(app.diagnostics()).contains("boom");
  }

  @Test
  void keepsOnlyTheLastCompletedApplications() {
    Fleet fleet =
        TestFleets.builder(1)
            .maxCompletedApplications(3)
            .cluster("alpha")
            .pool("od", "alpha", TestFleets.ON_DEMAND, TestFleets.SKU, Priority.ON_DEMAND, 2)
            .build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    for (int i = 0; i < 5; i++) {
      alpha.submit(job(1, Duration.ofSeconds(10 + i)));
    }
    runFor(fleet, Duration.ofMinutes(5));

    assertThat(alpha.applications())
        .extracting(SimulatedApplication::id)
        .containsExactly(
            "application_" + START + "_0003",
            "application_" + START + "_0004",
            "application_" + START + "_0005");
    assertThat(alpha.metrics().appsCompleted()).isEqualTo(5);
  }

  @Test
  void queueMetricsSumIntoParents() {
    Fleet fleet = TestFleets.alpha(0, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    alpha.submit(job(3, Duration.ofMinutes(1)));

    List<QueueMetrics> queues = alpha.queueMetrics();

    assertThat(queues)
        .extracting(QueueMetrics::queue)
        .containsExactly("root", "root.batch", "root.default");
    QueueMetrics root = queues.get(0);
    assertThat(root.pendingMb()).isEqualTo(4096);
    assertThat(root.pendingContainers()).isEqualTo(1);
    assertThat(root.appsPending()).isEqualTo(1);
    assertThat(queues.get(1))
        .isEqualTo(new QueueMetrics("root.batch", 0, 1, 0, 0, 0, 4096, 1, 1, 0, 0));
    assertThat(queues.get(2).pendingMb()).isZero();
  }
}
