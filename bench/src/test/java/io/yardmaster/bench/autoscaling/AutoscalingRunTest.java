package io.yardmaster.bench.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.bench.autoscaling.baseline.ClusterAutoscalerLikePolicy;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.Trace;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay over the shipped loop on tiny synthetic traces (the full day is bench-only): what it
 * reports follows from the loop's rules, in virtual time.
 */
class AutoscalingRunTest {
  private static final Sku SKU = new Sku("small", 8, 65536, 8, 57344);
  private static final String HEADER =
      "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
          + "driver_cores,driver_memory_mb,duration_s\n";
  // a: 1 driver + 4 x 4 vcores at 0 s; b: 1 driver + 8 x 4 vcores at 1500 s, after a long quiet
  private static final Trace TRACE =
      Trace.parse(
          new StringReader(
              HEADER + "a,0,t,d,x,4,4,16384,1,4096,300\n" + "b,1500,t,d,y,8,4,16384,1,4096,300\n"),
          "synthetic");

  private static AutoscalingRun run(Trace trace) {
    return new AutoscalingRun(
        trace, SKU, new BootTimeModel(Duration.ofMinutes(4), 0), Duration.ofSeconds(10), 3, 7);
  }

  @Test
  void theShippedLoopGrowsForEachJobAndRemovesIdleNodesBetweenThem() {
    RunResult result =
        run(TRACE)
            .run(
                ReplaySetup.onePool(
                    new YardmasterScalingPolicy(), PoolSpec.onDemand("ondemand", 0, 0, 20)));

    assertThat(result.succeeded()).isEqualTo(2);
    assertThat(result.killedContainers()).isZero();
    assertThat(result.throttled()).isZero();
    assertThat(result.spotEvictions()).isZero();
    assertThat(result.spotVmSeconds()).isZero();
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
    // two grows, and at least one delete after each job
    assertThat(result.writes()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aBaselineThatWouldDrainBusyNodesIsHeldByTheLoopsGuardAndKillsNothing() {
    // c fills 5 of node 1's 8 vcores; a's three 3-vcore executors land 2 on node 2 and 1 on node 3,
    // which is under half used and whose executor fits the room left on nodes 1 and 2: the
    // cluster-autoscaler-like policy asks to remove it, busy; the shipped loop removes free nodes
    // only, and its shrink re-checks each node before the delete
    Trace fragmented =
        Trace.parse(
            new StringReader(
                HEADER + "c,0,t,d,x,1,4,8192,1,4096,3600\n" + "a,5,t,d,y,3,3,8192,1,4096,3600\n"),
            "fragmented");

    RunResult evicting =
        run(fragmented)
            .run(
                ReplaySetup.onePool(
                    new ClusterAutoscalerLikePolicy(), PoolSpec.onDemand("ondemand", 4, 0, 20)));

    assertThat(evicting.succeeded()).isEqualTo(2);
    assertThat(evicting.killedContainers()).isZero();
    // the fourth, empty node goes, the three busy ones stay until their jobs end
    assertThat(evicting.timeline())
        .filteredOn(point -> point.second() > 900 && point.second() < 3000)
        .allMatch(point -> point.capacity() == 3);
  }

  @Test
  void demandGrowsThePreferredSpotPoolUpToItsMaxThenTheOnDemandPool() {
    // one job of 1 driver + 12 x 4 vcores: 7 nodes of 8 vcores; the spot pool may have 4
    Trace wide = Trace.parse(new StringReader(HEADER + "w,0,t,d,x,12,4,16384,1,4096,600\n"), "w");

    RunResult result =
        run(wide)
            .run(
                new ReplaySetup(
                    "spot then on-demand",
                    new YardmasterScalingPolicy(),
                    List.of(
                        new PoolSpec("spot", Priority.SPOT, 0, 0, 4, 0),
                        PoolSpec.onDemand("ondemand", 0, 0, 20)),
                    0));

    assertThat(result.succeeded()).isEqualTo(1);
    assertThat(result.timeline()).anyMatch(point -> point.capacity() >= 7);
    // four of the VMs are spot, the rest on-demand: spot VM-seconds are a share of the total
    assertThat(result.spotVmSeconds()).isPositive().isLessThan(result.vmSeconds());
    assertThat(result.dollars(1.0, 0.2)).isLessThan(result.vmHours());
  }

  @Test
  void spotEvictionsLoseVmsThatTheLoopReplacesAndEveryJobStillEnds() {
    Trace day =
        Trace.parse(
            new StringReader(
                HEADER
                    + "a,0,t,d,x,6,4,16384,1,4096,3600\n"
                    + "b,600,t,d,y,6,4,16384,1,4096,3600\n"),
            "evicted");

    RunResult result =
        run(day)
            .run(
                new ReplaySetup(
                    "spot only, evicted",
                    new YardmasterScalingPolicy(),
                    List.of(
                        new PoolSpec("spot", Priority.SPOT, 0, 0, 20, 0),
                        PoolSpec.onDemand("ondemand", 0, 0, 20)),
                    0.5));

    assertThat(result.spotEvictions()).isPositive();
    assertThat(result.succeeded() + (result.jobs() - result.succeeded())).isEqualTo(2);
    // every evicted VM was replaced by a new one: more VMs created than the two jobs ever needed
    assertThat(result.vmsCreated()).isGreaterThan(4 + 4);
  }
}
