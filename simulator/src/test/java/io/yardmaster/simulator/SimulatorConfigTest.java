package io.yardmaster.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.yardmaster.core.registry.InvalidConfigurationException;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.simulator.emulator.arm.ArmEmulatorConfig;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {
  private static final String SCALE_SET =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/";

  private static Map<String, Object> fleet() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.simulator.enabled", true);
    properties.put("yardmaster.clusters.alpha.livy-url", "http://localhost:1/sim/alpha/livy");
    properties.put(
        "yardmaster.clusters.alpha.resource-manager-url", "http://localhost:1/sim/alpha/rm");
    pool(properties, "alpha-od", "on-demand", 0, 10);
    pool(properties, "alpha-spot", "spot", 3, 10);
    properties.put("yardmaster.node-pools.alpha-spot.preference", 200);
    return properties;
  }

  private static void pool(
      Map<String, Object> properties, String name, String priority, int min, int max) {
    String key = "yardmaster.node-pools." + name + ".";
    properties.put(key + "cluster", "alpha");
    properties.put(key + "scale-set-id", SCALE_SET + name);
    properties.put(key + "sku-name", "Standard_E16s_v5");
    properties.put(key + "vm-cores", 16);
    properties.put(key + "vm-memory-mb", 131072);
    properties.put(key + "priority", priority);
    properties.put(key + "min-nodes", min);
    properties.put(key + "max-nodes", max);
  }

  @Test
  void bindsSettings() {
    Map<String, Object> properties = fleet();
    properties.put("yardmaster.simulator.speed-up", "60");
    properties.put("yardmaster.simulator.boot-time-median", "90s");
    properties.put("yardmaster.simulator.boot-time-sigma", "0.5");
    properties.put("yardmaster.simulator.seed", "99");
    properties.put("yardmaster.simulator.initial-nodes", "4");
    properties.put("yardmaster.simulator.metrics-period", "5s");
    properties.put("yardmaster.simulator.max-completed-applications", "50");
    properties.put("yardmaster.simulator.spark-submit-time", "2s");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      SimulatorConfig config = context.getBean(SimulatorConfig.class);

      assertThat(config)
          .isEqualTo(
              new SimulatorConfig(
                  true,
                  60.0,
                  Duration.ofSeconds(90),
                  0.5,
                  99L,
                  4,
                  Duration.ofSeconds(5),
                  50,
                  Duration.ofSeconds(2)));
      SimulatedFleet simulated = context.getBean(SimulatedFleet.class);
      assertThat(simulated.fleet().scaleSets())
          .extracting(SimulatedScaleSet::capacity)
          .containsExactly(4, 4);
    }
  }

  @Test
  void defaultsBuildTheFleetFromTheRegistry() {
    try (ApplicationContext context = ApplicationContext.run(fleet())) {
      SimulatorConfig config = context.getBean(SimulatorConfig.class);
      assertThat(config.enabled()).isTrue();
      assertThat(config.speedUp()).isEqualTo(1.0);
      assertThat(config.bootTimeMedian()).isEqualTo(Duration.ofMinutes(4));
      assertThat(config.metricsPeriod()).isEqualTo(Duration.ofSeconds(10));
      assertThat(config.maxCompletedApplications()).isEqualTo(1000);

      SimulatedFleet simulated = context.getBean(SimulatedFleet.class);
      SimulatedScaleSet onDemand = simulated.fleet().scaleSet(SCALE_SET + "alpha-od").orElseThrow();
      SimulatedScaleSet spot = simulated.fleet().scaleSet(SCALE_SET + "alpha-spot").orElseThrow();
      // the first pool gets at least two VMs so a job can run at once; the others their minimum
      assertThat(onDemand.capacity()).isEqualTo(2);
      assertThat(spot.capacity()).isEqualTo(3);
      assertThat(spot.priority()).isEqualTo(Priority.SPOT);
      assertThat(spot.sku().nodeManagerMemoryMb()).isEqualTo(131072 * 7 / 8);
      assertThat(simulated.fleet().cluster("alpha").orElseThrow().metrics().activeNodes())
          .isEqualTo(5);
    }
  }

  @Test
  void theSimulatorIsOffUnlessSwitchedOn() {
    Map<String, Object> properties = fleet();
    properties.remove("yardmaster.simulator.enabled");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      assertThat(context.getBean(SimulatorConfig.class).enabled()).isFalse();
      assertThat(context.containsBean(SimulatedFleet.class)).isFalse();
    }
  }

  @Test
  void switchedOnOutsideTheEmbeddedDefaultItStopsTheStartNamingTheSetting() {
    ApplicationContextBuilder production =
        ApplicationContext.builder().deduceEnvironment(false).properties(fleet());
    assertThatThrownBy(production::start)
        .rootCause()
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.simulator.enabled=true is for the embedded default only")
        .hasMessageContaining("-Dmicronaut.environments=local");
    try (ApplicationContext local =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .environments("local")
            .properties(fleet())
            .start()) {
      assertThat(local.containsBean(SimulatedFleet.class)).isTrue();
    }
  }

  @Test
  void disabledSimulatorHasNoFleet() {
    Map<String, Object> properties = fleet();
    properties.put("yardmaster.simulator.enabled", "false");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      assertThat(context.containsBean(SimulatedFleet.class)).isFalse();
    }
  }

  @Test
  void historyAndArmSettingsBindAsWrittenAndKeepTheirDefaults() {
    try (ApplicationContext context = ApplicationContext.run(fleet())) {
      assertThat(context.getBean(HistoryConfig.class))
          .isEqualTo(
              new HistoryConfig(
                  false,
                  Path.of("../shared/traces/fb2009-day.csv"),
                  Duration.ofHours(24),
                  0.5,
                  900));
      assertThat(context.getBean(ArmEmulatorConfig.class))
          .isEqualTo(new ArmEmulatorConfig("westeurope", 12, 4, Duration.ofSeconds(2)));
    }
    Map<String, Object> properties = fleet();
    properties.put("yardmaster.simulator.history.trace", "/tmp/some-trace.csv");
    properties.put("yardmaster.simulator.history.window", "6h");
    properties.put("yardmaster.simulator.history.load", "0.25");
    properties.put("yardmaster.simulator.history.max-apps", "40");
    properties.put("yardmaster.simulator.arm.location", "northeurope");
    properties.put("yardmaster.simulator.arm.write-burst", "3");
    properties.put("yardmaster.simulator.arm.writes-per-minute", "1");
    properties.put("yardmaster.simulator.arm.operation-duration", "30s");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      assertThat(context.getBean(HistoryConfig.class))
          .isEqualTo(
              new HistoryConfig(
                  false, Path.of("/tmp/some-trace.csv"), Duration.ofHours(6), 0.25, 40));
      assertThat(context.getBean(ArmEmulatorConfig.class))
          .isEqualTo(new ArmEmulatorConfig("northeurope", 3, 1, Duration.ofSeconds(30)));
    }
  }

  @Test
  void aHistoryValueOutOfRangeStopsTheStartNamingItsKey() {
    Map<String, String> bad =
        Map.of(
            "yardmaster.simulator.history.window", "40d",
            "yardmaster.simulator.history.load", "0",
            "yardmaster.simulator.history.max-apps", "0");
    for (Map.Entry<String, String> entry : bad.entrySet()) {
      Map<String, Object> properties = fleet();
      properties.put(entry.getKey(), entry.getValue());
      assertThatThrownBy(
              () -> {
                try (ApplicationContext context = ApplicationContext.run(properties)) {
                  context.getBean(HistoryConfig.class);
                }
              })
          .as(entry.getKey())
          .hasStackTraceContaining(entry.getKey() + " must be");
    }
  }

  @Test
  void rejectsABadSpeedUpNamingTheKey() {
    Map<String, Object> properties = fleet();
    properties.put("yardmaster.simulator.speed-up", "0");
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context = ApplicationContext.run(properties)) {
                context.getBean(SimulatorConfig.class);
              }
            })
        .hasStackTraceContaining("yardmaster.simulator.speed-up must be positive");
  }
}
