package io.yardmaster.bench.autoscaling;

import io.yardmaster.autoscaler.policy.YardmasterPolicyConfig;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.bench.ClairvoyantDemand;
import io.yardmaster.bench.autoscaling.baseline.ClusterAutoscalerLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.DataprocLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.HdInsightLikePolicy;
import io.yardmaster.bench.autoscaling.baseline.StaticFleetPolicy;
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
 * The autoscaler replay benchmark (issue 4): replays a trace in virtual time once per policy —
 * Yardmaster's and the baselines — on the same one-pool fleet and prints a Markdown table of cost
 * against the clairvoyant bounds, queueing delays, writes, 429s, flaps and killed containers; draws
 * demand vs capacity for Yardmaster and the best baseline. Run by {@code bench/autoscaling.sh}.
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
    List<PoolSetup> setups = setups(peak, p90, config, spareNodes);
    AutoscalingRun run =
        new AutoscalingRun(trace, SKU, BOOT, SAMPLE_PERIOD, SAMPLES_PER_TICK, seed);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<RunResult>> futures = new ArrayList<>();
    String only = argument(args, "--only", "");
    for (PoolSetup setup : setups) {
      if (!only.isEmpty() && !setup.policy().name().startsWith(only)) {
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
    ResultTable.print(results, lb0, lb1, DOLLARS_PER_HOUR, System.out);
    double target = BOOT.median().plus(TICK).toSeconds();
    List<RunResult> plotted = new ArrayList<>(results.subList(0, Math.min(1, results.size())));
    if (results.size() > 1) {
      RunResult best = bestBaseline(results.subList(1, results.size()), target);
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

  static List<PoolSetup> setups(int peak, int p90, YardmasterPolicyConfig config, int spareNodes) {
    int min = 2;
    int max = Math.max(min, 2 * peak);
    return List.of(
        new PoolSetup(
            new YardmasterScalingPolicy(config),
            min,
            min,
            max,
            PoolSetup.WAIT_FOR_EMPTY,
            spareNodes),
        new PoolSetup(
            new StaticFleetPolicy("static peak (" + peak + ")", peak),
            peak,
            peak,
            peak,
            PoolSetup.WAIT_FOR_EMPTY),
        new PoolSetup(
            new StaticFleetPolicy("static p90 (" + p90 + ")", p90),
            p90,
            p90,
            p90,
            PoolSetup.WAIT_FOR_EMPTY),
        new PoolSetup(
            new DataprocLikePolicy(1.0, 1.0, Duration.ofMinutes(2)),
            min,
            min,
            max,
            Duration.ofHours(1)),
        new PoolSetup(
            new DataprocLikePolicy(0.5, 0.5, Duration.ofMinutes(2)),
            min,
            min,
            max,
            Duration.ofHours(1)),
        new PoolSetup(new ClusterAutoscalerLikePolicy(), min, min, max, Duration.ZERO),
        new PoolSetup(new HdInsightLikePolicy(), min, min, max, PoolSetup.WAIT_FOR_EMPTY));
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
