package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.HistoryBucket;
import java.time.Instant;
import java.util.List;

/**
 * A node pool over a window: its stored ticks aggregated per step, and the decisions that did
 * something (grew or shrank, whatever became of it, or failed), for a chart of demand against
 * capacity with the decisions as markers.
 *
 * @param step the step, as a request spells it ({@code 5m})
 * @param nodeVcores what one NodeManager of the pool offers: the unit of {@code pendingNodes}
 * @param buckets the steps that hold ticks, oldest first
 * @param decisions oldest first; the newest {@value AutoscalerController#MAX_MARKERS} when there
 *     are more ({@code truncated})
 */
@Serdeable
public record PoolHistory(
    String pool,
    String cluster,
    Instant start,
    Instant end,
    String step,
    long stepSeconds,
    int nodeVcores,
    int nodeMemoryMb,
    int minNodes,
    int maxNodes,
    List<HistoryBucket> buckets,
    List<DecisionRecord> decisions,
    boolean truncated) {
  public PoolHistory {
    requireNonNull(pool, "pool is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(step, "step is null");
    buckets = List.copyOf(buckets);
    decisions = List.copyOf(decisions);
  }
}
