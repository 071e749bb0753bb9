package io.yardmaster.bench.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.bench.autoscaling.baseline.ClusterAutoscalerLikePolicy;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.Trace;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Smoke test of the replay harness on a tiny synthetic trace (the full day is bench-only). */
class AutoscalingRunTest {
  private static final Sku SKU = new Sku("small", 8, 65536, 8, 57344);
  // a: 1 driver + 4 x 4 vcores at 0 s; b: 1 driver + 8 x 4 vcores at 1500 s, after a long quiet
  private static final Trace TRACE =
      Trace.parse(
          new StringReader(
              "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
                  + "driver_cores,driver_memory_mb,duration_s\n"
                  + "a,0,t,d,x,4,4,16384,1,4096,300\n"
                  + "b,1500,t,d,y,8,4,16384,1,4096,300\n"),
          "synthetic");
  private static final AutoscalingRun RUN =
      new AutoscalingRun(
          TRACE, SKU, new BootTimeModel(Duration.ofMinutes(4), 0), Duration.ofSeconds(10), 3, 7);

  @Test
  void yardmasterGrowsForEachJobAndRemovesIdleNodesBetweenThem() {
    RunResult result =
        RUN.run(new PoolSetup(new YardmasterScalingPolicy(), 0, 0, 20, PoolSetup.WAIT_FOR_EMPTY));

    assertThat(result.succeeded()).isEqualTo(2);
    assertThat(result.killedContainers()).isZero();
    assertThat(result.throttled()).isZero();
    // a needs 3 nodes (driver + 4 executors of 4 of 8 vcores), b needs 5: both from zero
    assertThat(result.vmsCreated()).isEqualTo(3 + 5);
    assertThat(result.timeline()).anyMatch(point -> point.capacity() == 3);
    assertThat(result.timeline())
        .filteredOn(point -> point.second() > 1200 && point.second() < 1500)
        .allMatch(point -> point.capacity() == 0);
    // the driver waits for one boot (4 min) plus up to a tick and a sample
    assertThat(result.driverDelay()[0]).isBetween(240.0, 240.0 + 45);
    // VMs run from creation until 4 min after their node is free: billed, not flapping forever
    assertThat(result.vmHours()).isGreaterThan(0.5).isLessThan(2.5);
    assertThat(result.writes()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aBaselineThatDrainsUnderUsedNodesKillsContainersWhereYardmasterKillsNone() {
    // c fills 5 of node 1's 8 vcores; a's three 3-vcore executors land 2 on node 2 and 1 on node 3,
    // which is under half used and whose executor fits the room left on nodes 1 and 2
    Trace fragmented =
        Trace.parse(
            new StringReader(
                "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
                    + "driver_cores,driver_memory_mb,duration_s\n"
                    + "c,0,t,d,x,1,4,8192,1,4096,3600\n"
                    + "a,5,t,d,y,3,3,8192,1,4096,3600\n"),
            "fragmented");
    AutoscalingRun run =
        new AutoscalingRun(
            fragmented,
            SKU,
            new BootTimeModel(Duration.ofMinutes(4), 0),
            Duration.ofSeconds(10),
            3,
            7);

    RunResult evicting =
        run.run(new PoolSetup(new ClusterAutoscalerLikePolicy(), 4, 0, 20, Duration.ZERO));
    RunResult yardmaster =
        run.run(new PoolSetup(new YardmasterScalingPolicy(), 4, 0, 20, PoolSetup.WAIT_FOR_EMPTY));

    assertThat(evicting.killedContainers()).isPositive();
    assertThat(evicting.succeeded()).isEqualTo(2);
    assertThat(yardmaster.killedContainers()).isZero();
    assertThat(yardmaster.succeeded()).isEqualTo(2);
  }
}
