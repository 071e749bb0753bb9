package io.yardmaster.jobs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.web.teams.Team;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSizeTest {
  /** 10 nodes of 16 vcores and 64 GiB for YARN. */
  private static final ClusterCapacity TEN_NODES =
      new ClusterCapacity(
          List.of(
              new NodePoolConfig(
                  "alpha-pool",
                  "alpha",
                  "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachineScaleSets/a",
                  "Standard_E16s_v5",
                  16,
                  131072,
                  16,
                  65536,
                  null,
                  0,
                  10,
                  null,
                  null)));

  private static JobSize size(Map<String, String> conf) {
    return JobSize.of(new EffectiveConf(conf), TEN_NODES);
  }

  @Test
  void countsDriverAndExecutorsWithSparksOverheads() {
    JobSize size =
        size(
            Map.of(
                "spark.executor.instances", "4",
                "spark.executor.cores", "2",
                "spark.executor.memory", "8g",
                "spark.driver.memory", "2g"));
    // 8192 + max(384, 819) per executor; 2048 + 384 for the driver.
    assertThat(size.executorContainerMemoryMb()).isEqualTo(8192 + 819);
    assertThat(size.memoryMb()).isEqualTo(2048 + 384 + 4 * (8192 + 819));
    assertThat(size.cores()).isEqualTo(1 + 4 * 2);
  }

  @Test
  void memoryInEveryUnitIsReadAsSparkReadsIt() {
    assertThat(size(Map.of("spark.executor.memory", "16777216k")).executorContainerMemoryMb())
        .isEqualTo(16384 + 1638);
    assertThat(size(Map.of("spark.executor.memory", "1t")).executorContainerMemoryMb())
        .isEqualTo(1048576 + 104857);
  }

  @Test
  void explicitOverheadPysparkAndOffHeapMemoryCount() {
    Map<String, String> conf = new HashMap<>();
    conf.put("spark.executor.memory", "4g");
    conf.put("spark.executor.memoryOverhead", "1g");
    conf.put("spark.executor.pyspark.memory", "512m");
    conf.put("spark.memory.offHeap.enabled", "true");
    conf.put("spark.memory.offHeap.size", "2147483648");
    assertThat(size(conf).executorContainerMemoryMb()).isEqualTo(4096 + 1024 + 512 + 2048);
    conf.remove("spark.executor.memoryOverhead");
    conf.put("spark.executor.memoryOverheadFactor", "0.5");
    assertThat(size(conf).executorContainerMemoryMb()).isEqualTo(4096 + 2048 + 512 + 2048);
  }

  @Test
  void dynamicAllocationWithoutAMaximumCountsAsTheWholeCluster() {
    JobSize unbounded =
        size(
            Map.of(
                "spark.dynamicAllocation.enabled", "true",
                "spark.executor.cores", "4",
                "spark.executor.memory", "8g"));
    // 16 cores / 4 = 4 per node by cores; 65536 / 9011 = 7 by memory: 4 a node, 10 nodes.
    assertThat(unbounded.executors()).isEqualTo(40);
    assertThat(unbounded.boundedOnlyByCluster()).isTrue();
    JobSize bounded =
        size(
            Map.of(
                "spark.dynamicAllocation.enabled", "true",
                "spark.dynamicAllocation.maxExecutors", "6",
                "spark.dynamicAllocation.initialExecutors", "2",
                "spark.executor.cores", "4"));
    assertThat(bounded.executors()).isEqualTo(6);
    assertThat(bounded.initialExecutors()).isEqualTo(2);
    assertThat(bounded.boundedOnlyByCluster()).isFalse();
  }

  @Test
  void theFieldsOverTheConfAndTheEnforcedValuesOverBoth() {
    ClusterConfig cluster =
        new ClusterConfig(
            "alpha",
            URI.create("http://livy:8998"),
            URI.create("http://rm:8088"),
            null,
            null,
            null,
            List.of(),
            null,
            null,
            List.of("spark.executor.memory=2g"),
            List.of("spark.executor.instances=3"),
            List.of());
    Team team = new Team("risk", "risk-svc", 100, 10, 100, 100_000, Instant.EPOCH);
    EffectiveConf conf =
        EffectiveConf.of(
            cluster,
            team,
            Batches.batch(
                "local:/x.jar",
                List.of(),
                "6g",
                null,
                50,
                Map.of("spark.executor.memory", "1g", "spark.executor.instances", "9")));
    // Livy applies the fields after conf; the cluster's enforced count wins over both.
    assertThat(conf.get("spark.executor.memory")).hasValue("6g");
    assertThat(conf.get("spark.executor.instances")).hasValue("3");
  }
}
