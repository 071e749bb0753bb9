package io.yardmaster.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.VmLifetime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The past the embedded default starts with: a trace replayed as ended apps on backdated VMs. */
class SimulatedHistoryTest {
  @Test
  void aTraceBecomesADayOfEndedTaggedAppsOnVmsRunningSinceItsStart(@TempDir Path dir)
      throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
                + "driver_cores,driver_memory_mb,duration_s\n");
    String[] teams = {"risk", "ads", "growth", "finance"};
    for (int i = 0; i < 400; i++) {
      csv.append("j")
          .append(i)
          .append(',')
          .append(i * 200)
          .append(',')
          .append(teams[i % 4])
          .append(",dag_")
          .append(i % 30)
          .append(",spark_1,2,4,16384,1,4096,180\n");
    }
    Path trace = Files.writeString(dir.resolve("trace.csv"), csv);
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.simulator.enabled", true);
    properties.put("yardmaster.simulator.history.enabled", true);
    properties.put("yardmaster.simulator.history.trace", trace.toString());
    properties.put("yardmaster.simulator.initial-nodes", 2);
    properties.put("yardmaster.clusters.alpha.livy-url", "http://localhost:1/sim/alpha/livy");
    properties.put(
        "yardmaster.clusters.alpha.resource-manager-url", "http://localhost:1/sim/alpha/rm");
    properties.put("yardmaster.node-pools.od.cluster", "alpha");
    properties.put(
        "yardmaster.node-pools.od.scale-set-id",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/od");
    properties.put("yardmaster.node-pools.od.sku-name", "Standard_E8s_v5");
    properties.put("yardmaster.node-pools.od.vm-cores", 8);
    properties.put("yardmaster.node-pools.od.vm-memory-mb", 65536);
    properties.put("yardmaster.roles.autoscaler", false);
    try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
      SimulatedFleet fleet = context.getBean(SimulatedFleet.class);
      Instant now = fleet.fleet().now();
      SimulatedCluster alpha = fleet.fleet().cluster("alpha").orElseThrow();
      List<SimulatedApplication> apps = alpha.applications();
      assertThat(apps).hasSizeGreaterThan(50);
      assertThat(apps)
          .allSatisfy(
              app -> {
                assertThat(app.state().terminal()).isTrue();
                assertThat(app.finishedMillis()).isLessThan(now.toEpochMilli());
                assertThat(app.submittedMillis())
                    .isGreaterThanOrEqualTo(
                        now.minus(Duration.ofHours(24).plusMinutes(1)).toEpochMilli());
                assertThat(app.vcoreSeconds(now.toEpochMilli())).isPositive();
              });
      Set<String> dags =
          apps.stream()
              .flatMap(app -> app.spec().tags().stream())
              .filter(tag -> tag.startsWith("ym-dag-"))
              .collect(Collectors.toSet());
      assertThat(dags).hasSizeGreaterThanOrEqualTo(20);
      assertThat(apps).anySatisfy(app -> assertThat(app.spec().tags()).isEmpty());
      List<VmLifetime> vms = fleet.fleet().lifetimes();
      assertThat(vms).hasSize(2);
      assertThat(vms)
          .allSatisfy(
              vm -> assertThat(vm.vm().createdAt()).isBefore(now.minus(Duration.ofHours(23))));
      // Within each hour, what the apps were allocated fits what the VMs offered.
      Map<Long, Long> perHour =
          apps.stream()
              .collect(
                  Collectors.groupingBy(
                      app -> app.launchedMillis() / 3_600_000L,
                      Collectors.summingLong(app -> app.vcoreSeconds(now.toEpochMilli()))));
      assertThat(perHour.values()).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(16 * 3600L));
    }
  }
}
