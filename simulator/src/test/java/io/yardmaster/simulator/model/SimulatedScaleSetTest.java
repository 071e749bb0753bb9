package io.yardmaster.simulator.model;

import static io.yardmaster.simulator.model.TestFleets.ON_DEMAND;
import static io.yardmaster.simulator.model.TestFleets.SPOT;
import static io.yardmaster.simulator.model.TestFleets.START;
import static io.yardmaster.simulator.model.TestFleets.job;
import static io.yardmaster.simulator.model.TestFleets.runFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.core.registry.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedScaleSetTest {

  @Test
  void initialVmsRunAndAreRegisteredAsNodeManagers() {
    Fleet fleet = TestFleets.alpha(2, 1);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND.toUpperCase()).orElseThrow();

    assertThat(pool.capacity()).isEqualTo(2);
    assertThat(pool.name()).isEqualTo("alpha-od");
    assertThat(pool.vms())
        .extracting(SimulatedVm::instanceId, SimulatedVm::name, SimulatedVm::hostName)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("0", "alpha-od_0", "alpha-od000000"),
            org.assertj.core.api.Assertions.tuple("1", "alpha-od_1", "alpha-od000001"));
    assertThat(pool.vms()).allMatch(vm -> vm.provisioningState().equals("Succeeded"));
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    assertThat(alpha.nodes())
        .extracting(SimulatedNode::id)
        .containsExactly("alpha-od000000:8041", "alpha-od000001:8041", "alpha-spot000000:8041");
    assertThat(alpha.metrics().totalVirtualCores()).isEqualTo(48);
  }

  @Test
  void grownVmsBootThenRegister() {
    Fleet fleet = TestFleets.alpha(0, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();
    long generation = pool.generation();

    pool.setCapacity(3);

    assertThat(pool.generation()).isGreaterThan(generation);
    assertThat(pool.vms()).extracting(SimulatedVm::state).containsOnly(VmState.CREATING);
    assertThat(fleet.cluster("alpha").orElseThrow().metrics().activeNodes()).isZero();
    runFor(fleet, Duration.ofMinutes(30));
    assertThat(pool.vms()).extracting(SimulatedVm::state).containsOnly(VmState.RUNNING);
    assertThat(fleet.cluster("alpha").orElseThrow().metrics().activeNodes()).isEqualTo(3);
  }

  @Test
  void bootTimesAreLognormalAroundTheConfiguredMedian() {
    Fleet fleet = TestFleets.alpha(0, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();
    pool.setCapacity(2001);
    runFor(fleet, Duration.ofHours(2));

    List<Long> boots = new ArrayList<>();
    for (SimulatedVm vm : pool.vms()) {
      boots.add(Duration.between(vm.createdAt(), vm.runningAt()).toMillis());
    }
    boots.sort(Long::compare);
    double median = boots.get(1000);
    assertThat(median).isBetween(0.95 * 240_000, 1.05 * 240_000);
    // sigma 0.3: the 84th percentile is about median x e^0.3
    double upper = boots.get((int) (0.8413 * 2001));
    assertThat(upper / median).isBetween(1.25, 1.45);
  }

  @Test
  void billsEachVmPerSecondFromCreationToDeletion() {
    Fleet fleet = TestFleets.alpha(0, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();
    pool.setCapacity(1);
    fleet.simulation().runUntil(START + 90_500);
    pool.setCapacity(0);
    runFor(fleet, Duration.ofHours(1));

    assertThat(pool.billedSeconds()).isEqualTo(91);
    VmLifetime lifetime = fleet.lifetimes().get(0);
    assertThat(lifetime.vm().createdAt()).isEqualTo(Instant.ofEpochMilli(START));
    assertThat(lifetime.vm().deletedAt()).isEqualTo(Instant.ofEpochMilli(START + 90_500));
    assertThat(lifetime.vm().runningAt()).isNull();
    assertThat(lifetime.skuName()).isEqualTo("Standard_E16s_v5");
    assertThat(fleet.cluster("alpha").orElseThrow().nodes()).isEmpty();
  }

  @Test
  void scaleInPrefersVmsNotBootedThenHighestInstanceIds() {
    Fleet fleet = TestFleets.alpha(3, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();
    pool.setCapacity(5);

    pool.setCapacity(2);

    assertThat(pool.vms()).extracting(SimulatedVm::instanceId).containsExactly("0", "1");
    assertThat(fleet.cluster("alpha").orElseThrow().node("alpha-od000002").orElseThrow().state())
        .isEqualTo(NodeState.LOST);
  }

  @Test
  void deleteInstancesRemovesExactlyThoseOrNothing() {
    Fleet fleet = TestFleets.alpha(4, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();

    assertThatThrownBy(() -> pool.deleteInstances(List.of("1", "7")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'7'");
    assertThat(pool.capacity()).isEqualTo(4);

    pool.deleteInstances(List.of("0", "2"));

    assertThat(pool.capacity()).isEqualTo(2);
    assertThat(pool.vms()).extracting(SimulatedVm::instanceId).containsExactly("1", "3");
    pool.setCapacity(3);
    assertThat(pool.vms()).extracting(SimulatedVm::instanceId).containsExactly("1", "3", "4");
  }

  @Test
  void decommissionedNodeDeletedStaysDecommissioned() {
    Fleet fleet = TestFleets.alpha(2, 0);
    SimulatedScaleSet pool = fleet.scaleSet(ON_DEMAND).orElseThrow();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    alpha.decommission("alpha-od000001:8041");
    pool.deleteInstances(List.of("1"));

    assertThat(alpha.node("alpha-od000001").orElseThrow().state())
        .isEqualTo(NodeState.DECOMMISSIONED);
    assertThat(alpha.metrics().activeNodes()).isEqualTo(1);
  }

  @Test
  void spotEvictionLosesExecutorsWhichAreAskedForAgain() {
    Fleet fleet = TestFleets.alpha(1, 2);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedScaleSet spot = fleet.scaleSet(SPOT).orElseThrow();
    // 9 executors packed: 3 next to the driver on the on-demand node, 4 + 2 on the spot nodes
    SimulatedApplication app = alpha.submit(job(9, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));
    assertThat(app.executorsRunning()).isEqualTo(9);

    List<SimulatedVm> evicted = spot.evict(1);

    assertThat(evicted).hasSize(1);
    assertThat(evicted.get(0).instanceId()).isEqualTo("1");
    assertThat(app.executorsLost()).isEqualTo(2);
    assertThat(app.executorsRunning()).isEqualTo(7);
    assertThat(app.executorsPending()).isEqualTo(2);
    assertThat(alpha.node(evicted.get(0).hostName()).orElseThrow().state())
        .isEqualTo(NodeState.LOST);
    assertThat(alpha.metrics().lostNodes()).isEqualTo(1);

    spot.setCapacity(2);
    runFor(fleet, Duration.ofMinutes(40));
    assertThat(app.state()).isEqualTo(ApplicationState.FINISHED);
    assertThat(app.finalStatus()).isEqualTo(FinalStatus.SUCCEEDED);
    assertThatThrownBy(() -> fleet.scaleSet(ON_DEMAND).orElseThrow().evict(1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void losingTheDriverFailsTheApplication() {
    Fleet fleet = TestFleets.alpha(1, 0);
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    SimulatedApplication app = alpha.submit(job(1, Duration.ofMinutes(10)));
    runFor(fleet, Duration.ofSeconds(10));

    fleet.scaleSet(ON_DEMAND).orElseThrow().deleteInstances(List.of("0"));

    assertThat(app.state()).isEqualTo(ApplicationState.FAILED);
    assertThat(app.diagnostics()).contains("AM Container").contains("exitCode: -100");
    assertThat(alpha.metrics().appsFailed()).isEqualTo(1);
  }

  @Test
  void sameSeedSameHistoryOtherSeedOther() {
    assertThat(history(7)).isEqualTo(history(7));
    assertThat(history(7)).isNotEqualTo(history(8));
  }

  private static List<String> history(long seed) {
    Fleet fleet =
        TestFleets.builder(seed)
            .cluster("alpha")
            .pool("od", "alpha", ON_DEMAND, TestFleets.SKU, Priority.ON_DEMAND, 1)
            .build();
    SimulatedCluster alpha = fleet.cluster("alpha").orElseThrow();
    fleet.scaleSet(ON_DEMAND).orElseThrow().setCapacity(6);
    for (int i = 0; i < 10; i++) {
      alpha.submit(job(1 + i, Duration.ofSeconds(60 + 10 * i)));
    }
    runFor(fleet, Duration.ofHours(2));
    List<String> history = new ArrayList<>();
    for (SimulatedVm vm : fleet.scaleSet(ON_DEMAND).orElseThrow().vms()) {
      history.add(vm.instanceId() + "@" + vm.runningAt());
    }
    for (SimulatedApplication app : alpha.applications()) {
      history.add(app.id() + ":" + app.finishedMillis() + ":" + app.vcoreSeconds(0));
    }
    return history;
  }
}
