package io.yardmaster.simulator.model;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import java.time.Duration;
import java.util.List;

/** Small fleets for model tests, on a virtual clock starting at a fixed instant. */
final class TestFleets {
  static final long START = 1_700_000_000_000L;
  static final String SCALE_SET =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/";
  static final String ON_DEMAND = SCALE_SET + "alpha-od";
  static final String SPOT = SCALE_SET + "alpha-spot";

  /** 16 vcores / 64 GB NodeManagers. */
  static final Sku SKU = new Sku("Standard_E16s_v5", 16, 131072, 16, 65536);

  private TestFleets() {}

  static Fleet.Builder builder(long seed) {
    return Fleet.builder(new VirtualClock(START), seed)
        .bootTime(new BootTimeModel(Duration.ofMinutes(4), 0.3));
  }

  /** Cluster "alpha" with an on-demand and a spot pool. */
  static Fleet alpha(int onDemandNodes, int spotNodes) {
    return builder(42)
        .cluster("alpha")
        .pool("alpha-od", "alpha", ON_DEMAND, SKU, Priority.ON_DEMAND, onDemandNodes)
        .pool("alpha-spot", "alpha", SPOT, SKU, Priority.SPOT, spotNodes)
        .build();
  }

  static ApplicationSpec job(int executors, Duration duration) {
    return new ApplicationSpec(
        "job",
        "alice",
        "root.batch",
        List.of("Team-A"),
        new Resources(4096, 1),
        new Resources(16384, 4),
        executors,
        duration,
        null);
  }

  static void runFor(Fleet fleet, Duration duration) {
    Simulation simulation = fleet.simulation();
    simulation.runUntil(simulation.now() + duration.toMillis());
  }
}
