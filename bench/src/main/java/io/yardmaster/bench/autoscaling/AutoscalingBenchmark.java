package io.yardmaster.bench.autoscaling;

import io.yardmaster.autoscaler.policy.YardmasterPolicyConfig;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.bench.ClairvoyantDemand;
import io.yardmaster.bench.autoscaling.baseline.ClusterAutoscalerLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.DataprocLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.HdInsightLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.StaticFleetPolicy;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The autoscaler replay benchmark (issues 4 and 11): replays a trace in virtual time once per
 * setup, each driving the shipped {@code AutoscalerLoop} with a policy — Yardmaster's and the
 * baselines on one on-demand pool, and Yardmaster's on a spot and an on-demand pool with spot
 * evictions — and prints a Markdown table of cost against the clairvoyant bounds, queueing delays,
 * writes, 429s, flaps, killed containers and evictions; draws demand vs capacity for Yardmaster and
 * the best baseline. Run by {@code bench/autoscaling.sh}.
 */
public final class AutoscalingBenchmark {
  /** 16 cores / 128 GB VMs; NodeManager 16 vcores / 112 GB. */
  static final Sku SKU = new Sku("Standard_E16s_v5", 16, 131072, 16, 114688);

  /** Azure list price of a Standard_E16s_v5 Linux VM, pay-as-you-go, East US (assumed). */
  static final double DOLLARS_PER_HOUR = 1.008;

  static final Duration SAMPLE_PERIOD = Duration.ofSeconds(10);
  static final int SAMPLES_PER_TICK = 3;
  static final Duration TICK = SAMPLE_PERIOD.multipliedBy(SAMPLES_PER_TICK);
  static final BootTimeModel BOOT = new BootTimeModel(Duration.ofMinutes(4), 0.25);

  /**
   * Spot price of the same VM (assumed: about 80 % off, a typical E-series spot discount in East
   * US; only the ratios matter).
   */
  static final double SPOT_DOLLARS_PER_HOUR = 0.20;

  static final String ON_DEMAND_POOL = "ondemand";
  static final String SPOT_POOL = "spot";

  private AutoscalingBenchmark() {}

  public static void main(String[] args) throws InterruptedException, ExecutionException {
    System.setProperty("java.awt.headless", "true");
    Path tracePath = Path.of(argument(args, "--trace", "../shared/traces/fb2009-day.csv"));
    Path plot = Path.of(argument(args, "--plot", "docs/autoscaling-replay.png"));
    long seed = Long.parseLong(argument(args, "--seed", "1"));
    int threads = Integer.parseInt(argument(args, "--threads", "2"));
    Trace trace = Trace.read(tracePath);
    ClairvoyantDemand oracle = ClairvoyantDemand.of(trace);
    int peak = oracle.peakNodes(SKU);
    int p90 = oracle.timeQuantileNodes(SKU, 0.9);
    double lb0 = oracle.nodeSeconds(SKU) / 3600.0;
    double lb1 = oracle.bootAwareNodeSeconds(SKU, BOOT.median()) / 3600.0;
    System.out.printf(
        Locale.ROOT,
        "trace %s: %d jobs; %s; clairvoyant peak %d nodes, p90 %d nodes; LB0 %.1f node-hours,"
            + " LB1 %.1f (boot %d min x %d nodes added); tick %d s, sample %d s; seed %d%n",
        tracePath,
        trace.jobs().size(),
        SKU.name(),
        peak,
        p90,
        lb0,
        lb1,
        BOOT.median().toMinutes(),
        oracle.nodesAdded(SKU),
        TICK.toSeconds(),
        SAMPLE_PERIOD.toSeconds(),
        seed);
    YardmasterPolicyConfig defaults = YardmasterPolicyConfig.DEFAULTS;
    YardmasterPolicyConfig config =
        new YardmasterPolicyConfig(
            seconds(args, "--idle-grace-seconds", defaults.idleGrace()),
            seconds(args, "--scale-in-delay-seconds", defaults.scaleInDelayAfterGrow()),
            defaults.maxRemovalShare(),
            Double.parseDouble(
                argument(args, "--executor-share", String.valueOf(defaults.executorShare()))));
    int spareNodes = Integer.parseInt(argument(args, "--spare-nodes", "0"));
    double spotEvictions = Double.parseDouble(argument(args, "--spot-evictions", "0.05"));
    List<ReplaySetup> setups = setups(peak, p90, config, spareNodes, spotEvictions);
    AutoscalingRun announcing =
        new AutoscalingRun(trace, SKU, BOOT, SAMPLE_PERIOD, SAMPLES_PER_TICK, seed);
    AutoscalingRun announced =
        Boolean.parseBoolean(argument(args, "--announced", "true"))
            ? announcing
            : announcing.withoutAnnouncedDemand();
    AutoscalingRun run =
        argument(args, "--grow-operation", "boot").equals("accept")
            ? announced.withShortGrowOperations()
            : announced;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<RunResult>> futures = new ArrayList<>();
    String only = argument(args, "--only", "");
    for (ReplaySetup setup : setups) {
      if (!only.isEmpty() && !setup.label().startsWith(only)) {
        continue;
      }
      futures.add(pool.submit(() -> run.run(setup)));
    }
    List<RunResult> results = new ArrayList<>();
    for (Future<RunResult> future : futures) {
      results.add(future.get());
    }
    pool.shutdown();
    System.out.println();
    ResultTable.print(results, lb0, lb1, DOLLARS_PER_HOUR, SPOT_DOLLARS_PER_HOUR, System.out);
    double target = BOOT.median().plus(TICK).toSeconds();
    List<RunResult> plotted = new ArrayList<>(results.subList(0, Math.min(1, results.size())));
    List<RunResult> baselines =
        results.stream().filter(result -> !result.policy().startsWith("yardmaster")).toList();
    if (!baselines.isEmpty()) {
      RunResult best = bestBaseline(baselines, target);
      System.out.printf(
          Locale.ROOT,
          "%nbest baseline (cheapest whose p95 submit-to-all-executors is within %.0f s, else the"
              + " lowest such p95): %s%n",
          target,
          best.policy());
      plotted.add(best);
    }
    DemandCapacityPlot.write(plotted, oracle, SKU, plot);
    System.out.println("plot: " + plot);
  }

  /**
   * The table's rows: Yardmaster's policy and the baselines on one on-demand pool, then
   * Yardmaster's on two pools, spot preferred (at most half the peak) then on-demand, with spot
   * evictions. Each row has its own policy: a policy remembers each pool by name (grace, last
   * grow), and the rows run at the same time.
   */
  static List<ReplaySetup> setups(
      int peak, int p90, YardmasterPolicyConfig config, int spareNodes, double spotEvictions) {
    int min = 2;
    int max = Math.max(min, 2 * peak);
    PoolSpec onDemand = PoolSpec.onDemand(ON_DEMAND_POOL, min, min, max);
    int spotMax = Math.max(1, peak / 2);
    return List.of(
        ReplaySetup.onePool(
            new YardmasterScalingPolicy(config),
            new PoolSpec(ON_DEMAND_POOL, Priority.ON_DEMAND, min, min, max, spareNodes)),
        ReplaySetup.onePool(
            new StaticFleetPolicy("static peak (" + peak + ")", peak),
            PoolSpec.onDemand(ON_DEMAND_POOL, peak, peak, peak)),
        ReplaySetup.onePool(
            new StaticFleetPolicy("static p90 (" + p90 + ")", p90),
            PoolSpec.onDemand(ON_DEMAND_POOL, p90, p90, p90)),
        ReplaySetup.onePool(new DataprocLikePolicy(1.0, 1.0, Duration.ofMinutes(2)), onDemand),
        ReplaySetup.onePool(new DataprocLikePolicy(0.5, 0.5, Duration.ofMinutes(2)), onDemand),
        ReplaySetup.onePool(new ClusterAutoscalerLikePolicy(), onDemand),
        ReplaySetup.onePool(new HdInsightLikePolicy(), onDemand),
        new ReplaySetup(
            String.format(
                Locale.ROOT,
                "yardmaster, spot (max %d) then on-demand, %.0f %% evictions / VM-hour",
                spotMax,
                spotEvictions * 100),
            new YardmasterScalingPolicy(config),
            List.of(
                new PoolSpec(SPOT_POOL, Priority.SPOT, 0, 0, spotMax, spareNodes),
                PoolSpec.onDemand(ON_DEMAND_POOL, min, min, max)),
            spotEvictions));
  }

  static RunResult bestBaseline(List<RunResult> baselines, double targetSeconds) {
    return baselines.stream()
        .filter(result -> result.executorsP95() <= targetSeconds)
        .min(Comparator.comparingLong(RunResult::vmSeconds))
        .orElseGet(
            () ->
                baselines.stream()
                    .min(Comparator.comparingDouble(RunResult::executorsP95))
                    .orElseThrow());
  }

  private static Duration seconds(String[] args, String name, Duration fallback) {
    return Duration.ofSeconds(Long.parseLong(argument(args, name, "" + fallback.toSeconds())));
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
