package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.demand.DemandCrossCheck;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.simulator.model.ClusterMetrics;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A cluster's pending demand as Graphite holds it: the RM's GraphiteSink writes the root queue's
 * PendingMB, PendingVCores and PendingContainers once a sink period ({@link #sample}), and a read
 * sees the newest sample, aggregates only (one averaged container shape), stale when older than
 * three sink periods, as the production {@code GraphiteDemandSource} reads them.
 */
public final class SampledQueueMetrics implements DemandSource {
  /** Sink periods after which the newest point is stale, as {@code GraphiteDemandSource}'s. */
  static final int STALE_PERIODS = 3;

  private final SimulatedCluster cluster;
  private final Duration staleAfter;
  private Sample newest;

  private record Sample(Instant at, long pendingMb, long pendingVcores, long pendingContainers) {}

  public SampledQueueMetrics(Fleet fleet, String cluster, Duration sinkPeriod) {
    this.cluster =
        requireNonNull(fleet, "fleet is null")
            .cluster(cluster)
            .orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + cluster));
    this.staleAfter = sinkPeriod.multipliedBy(STALE_PERIODS);
  }

  /** The sink writes the queue's metrics as they are now. */
  public void sample(Instant now) {
    ClusterMetrics metrics = cluster.metrics();
    newest =
        new Sample(
            now, metrics.pendingMb(), metrics.pendingVirtualCores(), metrics.containersPending());
  }

  @Override
  public DemandReading read(ClusterConfig config, Instant now) {
    Sample sample = newest;
    if (sample == null) {
      return new DemandReading(Demand.missing(), "no sample written yet");
    }
    Duration age = Duration.between(sample.at(), now);
    boolean stale = age.compareTo(staleAfter) > 0;
    Demand demand =
        new Demand(
            sample.pendingVcores(),
            sample.pendingMb(),
            DemandCrossCheck.averageShape(
                sample.pendingContainers(), sample.pendingVcores(), sample.pendingMb()),
            age,
            stale);
    return new DemandReading(
        demand,
        String.format(
            Locale.ROOT,
            "sampled: %d vcores / %d MB pending, %d s old%s",
            sample.pendingVcores(),
            sample.pendingMb(),
            age.toSeconds(),
            stale ? " (stale)" : ""));
  }
}
