package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.demand.AnnouncingDemandSource;
import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.bench.autoscaling.adapters.ModelDecommissioner;
import io.yardmaster.bench.autoscaling.adapters.ModelNodeManagers;
import io.yardmaster.bench.autoscaling.adapters.ModelNodePool;
import io.yardmaster.bench.autoscaling.adapters.ModelResourceManager;
import io.yardmaster.bench.autoscaling.adapters.ReplayDatabase;
import io.yardmaster.bench.autoscaling.adapters.SampledQueueMetrics;
import io.yardmaster.bench.autoscaling.adapters.StartingApplications;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace on a fleet of one cluster with a {@link ReplaySetup}'s pools, driven by the
 * shipped {@link AutoscalerLoop} (its guard, preferred pools, shrink process, cloud operations and
 * 429 handling, on its store and migrations) through adapters over the simulator's model, in
 * virtual time with lognormal VM boot times and most-allocated placement.
 */
public final class AutoscalingRun {
  /** A VM removed this soon after it was created is a flap. */
  static final Duration FLAP = Duration.ofMinutes(15);

  /** Azure's per-scale-set write budget: about 4 writes a minute, bursts of 12. */
  static final int WRITES_PER_MINUTE = 4;

  static final int WRITE_BURST = 12;

  private final Trace trace;
  private final Sku sku;
  private final BootTimeModel bootTime;
  private final Duration samplePeriod;
  private final int ticksPerDecision;
  private final long seed;
  private final boolean announced;
  private final boolean growWaitsForBoot;

  /**
   * @param samplePeriod the replay step: Graphite's sink period
   * @param ticksPerDecision sample periods per autoscaler tick
   */
  public AutoscalingRun(
      Trace trace,
      Sku sku,
      BootTimeModel bootTime,
      Duration samplePeriod,
      int ticksPerDecision,
      long seed) {
    this(trace, sku, bootTime, samplePeriod, ticksPerDecision, seed, true, true);
  }

  private AutoscalingRun(
      Trace trace,
      Sku sku,
      BootTimeModel bootTime,
      Duration samplePeriod,
      int ticksPerDecision,
      long seed,
      boolean announced,
      boolean growWaitsForBoot) {
    this.announced = announced;
    this.growWaitsForBoot = growWaitsForBoot;
    this.trace = requireNonNull(trace, "trace is null");
    this.sku = requireNonNull(sku, "sku is null");
    this.bootTime = requireNonNull(bootTime, "bootTime is null");
    this.samplePeriod = requireNonNull(samplePeriod, "samplePeriod is null");
    this.ticksPerDecision = ticksPerDecision;
    this.seed = seed;
  }

  /**
   * The same replay with a loop that reads only the sampled queue metrics, as when the cluster
   * manager does not run in the application (ADR 0005 measured against this).
   */
  public AutoscalingRun withoutAnnouncedDemand() {
    return new AutoscalingRun(
        trace, sku, bootTime, samplePeriod, ticksPerDecision, seed, false, growWaitsForBoot);
  }

  /**
   * The same replay with grow operations that end once accepted rather than when their VMs booted
   * (an experiment: what the loop's hold while a grow is in flight costs; ARM's do wait).
   */
  public AutoscalingRun withShortGrowOperations() {
    return new AutoscalingRun(
        trace, sku, bootTime, samplePeriod, ticksPerDecision, seed, announced, false);
  }

  public RunResult run(ReplaySetup setup) {
    Fleet.Builder builder =
        Fleet.builder(new VirtualClock(0), seed)
            .bootTime(bootTime)
            .placement(new MostAllocatedPlacement())
            .cluster(Replay.CLUSTER);
    List<NodePoolConfig> poolConfigs = new ArrayList<>();
    int preference = 0;
    int initialNodes = 0;
    for (PoolSpec pool : setup.pools()) {
      String armId = armId(pool.name());
      builder.pool(pool.name(), Replay.CLUSTER, armId, sku, pool.priority(), pool.initialNodes());
      poolConfigs.add(config(pool, armId, preference));
      preference += 10;
      initialNodes += pool.initialNodes();
    }
    Fleet fleet = builder.build();
    SimulatedCluster cluster = fleet.cluster(Replay.CLUSTER).orElseThrow();
    List<SimulatedScaleSet> scaleSets = new ArrayList<>();
    List<ModelNodePool> nodePools = new ArrayList<>();
    List<String> poolNames = new ArrayList<>();
    for (PoolSpec pool : setup.pools()) {
      SimulatedScaleSet scaleSet = fleet.scaleSet(armId(pool.name())).orElseThrow();
      scaleSets.add(scaleSet);
      nodePools.add(
          new ModelNodePool(fleet, scaleSet, WRITES_PER_MINUTE, WRITE_BURST, growWaitsForBoot));
      poolNames.add(pool.name());
    }
    SampledQueueMetrics sink = new SampledQueueMetrics(fleet, Replay.CLUSTER, samplePeriod);
    AutoscalerLoop loop =
        new AutoscalerLoop(
            new ClusterRegistry(List.of(cluster()), poolConfigs),
            List.<NodePool>copyOf(nodePools),
            new ModelResourceManager(fleet),
            new ModelNodeManagers(fleet, Replay.CLUSTER),
            announced
                ? new AnnouncingDemandSource(sink, new StartingApplications(fleet, Replay.CLUSTER))
                : sink,
            new ModelDecommissioner(fleet),
            setup.policy(),
            ReplayDatabase.freshStore(),
            loopConfig(),
            "replay",
            null);
    SpotMarket spotMarket =
        new SpotMarket(scaleSets, setup.spotEvictionsPerVmHour(), samplePeriod, seed);
    LoopDriver driver =
        new LoopDriver(
            loop, poolNames, cluster, scaleSets, sink, spotMarket, samplePeriod, ticksPerDecision);
    List<Long> driverDelays = new ArrayList<>();
    List<Long> executorDelays = new ArrayList<>();
    int[] succeeded = new int[1];
    cluster.onFinish(
        application -> {
          succeeded[0] += application.finalStatus() == FinalStatus.SUCCEEDED ? 1 : 0;
          delays(application, driver, driverDelays, executorDelays);
        });
    ReplayReport report =
        new Replay(trace, fleet, Replay.CLUSTER, samplePeriod, driver, Duration.ofHours(12)).run();
    if (!report.complete()) {
      throw new IllegalStateException(
          setup.label() + " did not finish every job within 12 h: " + report);
    }
    int flaps = 0;
    long spotSeconds = 0;
    for (VmLifetime lifetime : fleet.lifetimes()) {
      SimulatedVm vm = lifetime.vm();
      if (vm.deletedAt() != null
          && Duration.between(vm.createdAt(), vm.deletedAt()).compareTo(FLAP) < 0) {
        flaps++;
      }
      if (lifetime.priority() == Priority.SPOT) {
        spotSeconds += lifetime.billedSeconds(fleet.now());
      }
    }
    int writes = 0;
    int throttled = 0;
    int killed = 0;
    for (ModelNodePool pool : nodePools) {
      writes += pool.writes();
      throttled += pool.throttled();
      killed += pool.killedContainers();
    }
    return new RunResult(
        setup.label(),
        report.jobs(),
        succeeded[0],
        report.vmSeconds(),
        spotSeconds,
        percentiles(driverDelays),
        percentiles(executorDelays),
        writes,
        throttled,
        flaps,
        killed,
        spotMarket.evicted(),
        fleet.lifetimes().size() - initialNodes,
        report.wallSeconds(),
        driver.timeline());
  }

  /** The pool as its {@code yardmaster.node-pools.<name>} settings would bind. */
  private NodePoolConfig config(PoolSpec pool, String armId, int preference) {
    return new NodePoolConfig(
        pool.name(),
        Replay.CLUSTER,
        armId,
        sku.name(),
        sku.vmCores(),
        sku.vmMemoryMb(),
        sku.nodeManagerVcores(),
        sku.nodeManagerMemoryMb(),
        pool.priority(),
        pool.minNodes(),
        pool.maxNodes(),
        preference,
        pool.spareNodes());
  }

  /** The replayed cluster; its Livy and RM addresses are never called (the adapters stand in). */
  private static ClusterConfig cluster() {
    return new ClusterConfig(
        Replay.CLUSTER,
        URI.create("http://livy.replay.invalid:8998"),
        URI.create("http://rm.replay.invalid:8088"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The loop's defaults, ticking every {@code ticksPerDecision} sample periods. */
  private AutoscalerConfig loopConfig() {
    return new AutoscalerConfig(
        samplePeriod.multipliedBy(ticksPerDecision),
        null,
        null,
        null,
        null,
        null,
        null,
        "replay",
        false,
        null,
        null,
        null);
  }

  static String armId(String pool) {
    return "/subscriptions/replay/resourceGroups/replay/providers/Microsoft.Compute/"
        + "virtualMachineScaleSets/"
        + pool;
  }

  private static void delays(
      SimulatedApplication application,
      LoopDriver driver,
      List<Long> driverDelays,
      List<Long> executorDelays) {
    long submitted = application.submittedMillis();
    if (application.launchedMillis() < 0) {
      return;
    }
    driverDelays.add(application.launchedMillis() - submitted);
    long all = driver.allExecutorsMillis(application.id());
    executorDelays.add((all >= 0 ? all : application.finishedMillis()) - submitted);
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
