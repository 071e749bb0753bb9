package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.FinalStatus;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.MostAllocatedPlacement;
import io.yardmaster.simulator.model.Replay;
import io.yardmaster.simulator.model.ReplayReport;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.SimulatedVm;
import io.yardmaster.simulator.model.Trace;
import io.yardmaster.simulator.model.VirtualClock;
import io.yardmaster.simulator.model.VmLifetime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace on a one-pool fleet driven by a {@link PoolSetup}'s policy through an {@link
 * AutoscalingHarness}, in virtual time with lognormal VM boot times and most-allocated placement.
 */
public final class AutoscalingRun {
  /** A VM removed this soon after it was created is a flap. */
  static final Duration FLAP = Duration.ofMinutes(15);

  private final Trace trace;
  private final Sku sku;
  private final BootTimeModel bootTime;
  private final Duration samplePeriod;
  private final int ticksPerDecision;
  private final long seed;

  /**
   * @param samplePeriod the replay tick: Graphite's sink period
   * @param ticksPerDecision sample periods per autoscaler tick
   */
  public AutoscalingRun(
      Trace trace,
      Sku sku,
      BootTimeModel bootTime,
      Duration samplePeriod,
      int ticksPerDecision,
      long seed) {
    this.trace = requireNonNull(trace, "trace is null");
    this.sku = requireNonNull(sku, "sku is null");
    this.bootTime = requireNonNull(bootTime, "bootTime is null");
    this.samplePeriod = requireNonNull(samplePeriod, "samplePeriod is null");
    this.ticksPerDecision = ticksPerDecision;
    this.seed = seed;
  }

  public RunResult run(PoolSetup setup) {
    Fleet fleet =
        Fleet.builder(new VirtualClock(0), seed)
            .bootTime(bootTime)
            .placement(new MostAllocatedPlacement())
            .cluster(Replay.CLUSTER)
            .pool(
                "replay-pool",
                Replay.CLUSTER,
                Replay.SCALE_SET,
                sku,
                Priority.ON_DEMAND,
                setup.initialNodes())
            .build();
    SimulatedCluster cluster = fleet.cluster(Replay.CLUSTER).orElseThrow();
    SimulatedScaleSet scaleSet = fleet.scaleSet(Replay.SCALE_SET).orElseThrow();
    AutoscalingHarness harness =
        new AutoscalingHarness(setup, cluster, scaleSet, samplePeriod, ticksPerDecision);
    List<Long> driver = new ArrayList<>();
    List<Long> executors = new ArrayList<>();
    int[] succeeded = new int[1];
    cluster.onFinish(
        application -> {
          succeeded[0] += application.finalStatus() == FinalStatus.SUCCEEDED ? 1 : 0;
          delays(application, harness, driver, executors);
        });
    ReplayReport report =
        new Replay(trace, fleet, Replay.CLUSTER, samplePeriod, harness, Duration.ofHours(12)).run();
    if (!report.complete()) {
      throw new IllegalStateException(
          setup.policy().name() + " did not finish every job within 12 h: " + report);
    }
    int flaps = 0;
    for (VmLifetime lifetime : fleet.lifetimes()) {
      SimulatedVm vm = lifetime.vm();
      if (vm.deletedAt() != null
          && Duration.between(vm.createdAt(), vm.deletedAt()).compareTo(FLAP) < 0) {
        flaps++;
      }
    }
    return new RunResult(
        setup.policy().name(),
        report.jobs(),
        succeeded[0],
        report.vmSeconds(),
        percentiles(driver),
        percentiles(executors),
        harness.writes(),
        harness.throttled(),
        flaps,
        harness.killedContainers(),
        fleet.lifetimes().size() - setup.initialNodes(),
        report.wallSeconds(),
        harness.timeline());
  }

  private static void delays(
      SimulatedApplication application,
      AutoscalingHarness harness,
      List<Long> driver,
      List<Long> executors) {
    long submitted = application.submittedMillis();
    if (application.launchedMillis() < 0) {
      return;
    }
    driver.add(application.launchedMillis() - submitted);
    long all = harness.allExecutorsMillis(application.id());
    executors.add((all >= 0 ? all : application.finishedMillis()) - submitted);
  }

  /** p50, p95, p99 in seconds (nearest rank). */
  static double[] percentiles(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(Long::compare);
    double[] result = new double[3];
    double[] quantiles = {0.50, 0.95, 0.99};
    for (int i = 0; i < quantiles.length; i++) {
      if (!sorted.isEmpty()) {
        int index = (int) Math.ceil(quantiles[i] * sorted.size()) - 1;
        result[i] = sorted.get(Math.max(0, index)) / 1000.0;
      }
    }
    return result;
  }
}
