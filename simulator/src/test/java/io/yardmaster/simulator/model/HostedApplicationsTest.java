package io.yardmaster.simulator.model;

import static io.yardmaster.simulator.model.TestFleets.runFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A NodeManager hosts an application from its first container there until the application ends,
 * also after its containers there exited (an executor given back by Spark's dynamic allocation).
 */
class HostedApplicationsTest {
  /** Two 40 GB executors cannot share a 64 GB NodeManager. */
  private static final ApplicationSpec SPREAD =
      new ApplicationSpec(
          "spread",
          "alice",
          "root.default",
          List.of(),
          new Resources(4096, 1),
          new Resources(40960, 4),
          2,
          Duration.ofMinutes(10),
          null);

  @Test
  void aReleasedExecutorLeavesTheAppOnItsNodeUntilTheAppEnds() {
    Fleet fleet = TestFleets.alpha(2, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedApplication app = alpha.submit(SPREAD);
    runFor(fleet, Duration.ofSeconds(30));
    assertThat(app.executorsRunning()).isEqualTo(2);
    SimulatedContainer executor =
        alpha.nodes().stream()
            .filter(node -> node.numContainers() == 1)
            .flatMap(node -> node.containers().stream())
            .filter(container -> container.kind() == ContainerKind.EXECUTOR)
            .findFirst()
            .orElseThrow();
    SimulatedNode node = executor.node();
    assertThat(node.runningApplications()).containsExactly(app);

    assertThat(alpha.releaseExecutor(executor.id())).isTrue();
    assertThat(alpha.releaseExecutor(app.driverContainer().id()))
        .as("only executors are given back")
        .isFalse();

    assertThat(node.numContainers()).isZero();
    assertThat(node.runningApplications()).containsExactly(app);
    assertThat(app.executorsRunning()).isEqualTo(1);
    assertThat(app.executorsPending()).as("a released executor is not asked for again").isZero();

    alpha.decommission(node.hostName());
    runFor(fleet, Duration.ofMinutes(5));
    assertThat(node.state())
        .as("graceful decommission waits for the application")
        .isEqualTo(NodeState.DECOMMISSIONING);

    runFor(fleet, Duration.ofMinutes(10));
    assertThat(app.state()).isEqualTo(ApplicationState.FINISHED);
    assertThat(app.finishedMillis() - app.launchedMillis())
        .as("the release did not slow the application")
        .isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(node.runningApplications()).isEmpty();
    assertThat(node.state()).isEqualTo(NodeState.DECOMMISSIONED);
  }
}
