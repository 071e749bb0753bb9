package io.yardmaster.cost.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.fleet.ScaleSetVms;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.VmSpan;
import io.yardmaster.cost.testing.CostDatabases;
import io.yardmaster.cost.testing.CostFleet;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.VmLifetime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VM bill from the scale set's VM list, read through the Azure SDK from the ARM emulator, on H2
 * and PostgreSQL, against the simulator's own per-second billing ({@link VmLifetime}). The
 * simulated clock stands still between skips, so a deletion and the pass that notices it happen at
 * the same instant: the bill then agrees to the second with the simulator's.
 */
class VmBillIT {
  static List<Map<String, Object>> databases() {
    return CostDatabases.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void everyVmIsBilledPerSecondFromCreationToDeletionAsTheSimulatorBillsIt(
      Map<String, Object> database) {
    try (CostFleet fleet =
        new CostFleet(database, 100, Map.of("yardmaster.simulator.speed-up", 0.000001))) {
      NodePoolConfig pool = fleet.bean(ClusterRegistry.class).pool(CostFleet.POOL).orElseThrow();
      VmCollector collector =
          new VmCollector(
              fleet.bean(ClusterRegistry.class),
              fleet.bean(ScaleSetVms.class),
              fleet.bean(VmStore.class),
              fleet.bean(DirtyHours.class),
              fleet.clock());
      SimulatedScaleSet scaleSet = fleet.fleet().scaleSet(CostFleet.SCALE_SET_ID).orElseThrow();
      Instant start = fleet.fleet().now();

      collector.collect(pool);
      fleet.skip(Duration.ofMinutes(7));
      scaleSet.setCapacity(5);
      fleet.skip(Duration.ofSeconds(1));
      collector.collect(pool);
      fleet.skip(Duration.ofMinutes(50).plusMillis(333));
      scaleSet.deleteInstances(List.of("1", "3"));
      collector.collect(pool);
      fleet.skip(Duration.ofMinutes(20));
      scaleSet.setCapacity(2);
      collector.collect(pool);
      fleet.skip(Duration.ofMinutes(3));
      collector.collect(pool);
      Instant now = fleet.fleet().now();

      List<VmSpan> spans =
          fleet
              .bean(CollectedInputs.class)
              .vms(CostFleet.CLUSTER, start.minus(Duration.ofHours(1)), now.plusSeconds(1));
      Map<String, VmLifetime> simulated =
          scaleSet.lifetimes().stream()
              .collect(Collectors.toMap(l -> l.vm().name(), Function.identity()));
      assertThat(spans).hasSize(simulated.size()).hasSize(5);
      long billed = 0;
      long simulatorBilled = 0;
      for (VmSpan span : spans) {
        VmLifetime lifetime = simulated.get(span.vmId());
        assertThat(lifetime).as(span.vmId()).isNotNull();
        assertThat(span.start()).isEqualTo(lifetime.vm().createdAt());
        assertThat(span.end()).isEqualTo(lifetime.vm().deletedAt());
        assertThat(span.pool()).isEqualTo(CostFleet.POOL);
        assertThat(span.sku()).isEqualTo("Standard_E8s_v5");
        assertThat(span.region()).isEqualTo("westeurope");
        assertThat(span.priority()).isEqualTo(Priority.ON_DEMAND);
        assertThat(span.vcores()).isEqualTo(8);
        assertThat(span.memoryMb()).isEqualTo(57344);
        billed += seconds(span, now);
        simulatorBilled += lifetime.billedSeconds(now);
      }
      assertThat(billed).isEqualTo(simulatorBilled);
      assertThat(fleet.bean(DirtyHours.class).dirty(100)).isNotEmpty();
    }
  }

  /** Per second, rounded up, from creation to deletion (or now). */
  private static long seconds(VmSpan span, Instant now) {
    Instant end = span.end() == null ? now : span.end();
    return (Duration.between(span.start(), end).toMillis() + 999) / 1000;
  }
}
