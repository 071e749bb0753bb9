package io.yardmaster.bench.autoscaling.baseline;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HDInsight's load-based autoscale: pending CPU or memory above the free CPU or memory (booting
 * nodes count as free) for a minute adds the nodes the difference needs; free above pending in both
 * for ten minutes removes two nodes per cycle, least loaded first, drained gracefully.
 */
public final class HdInsightLikePolicy implements ScalingPolicy {
  private static final Duration UP_AFTER = Duration.ofMinutes(1);
  private static final Duration DOWN_AFTER = Duration.ofMinutes(10);
  private static final int REMOVE_PER_CYCLE = 2;

  private Instant overSince;
  private Instant underSince;

  @Override
  public String name() {
    return "hdinsight-like";
  }

  @Override
  public ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    int capacity = snapshot.capacity();
    long c = snapshot.sku().nodeManagerVcores();
    long m = snapshot.sku().nodeManagerMemoryMb();
    long freeVcores = Nodes.freeVcores(snapshot) + snapshot.bootingVms() * c;
    long freeMemory = Nodes.freeMemoryMb(snapshot) + snapshot.bootingVms() * m;
    long pendingVcores = snapshot.demand().pendingVcores();
    long pendingMemory = snapshot.demand().pendingMemoryMb();
    boolean over = pendingVcores > freeVcores || pendingMemory > freeMemory;
    boolean under = freeVcores > pendingVcores && freeMemory > pendingMemory;
    overSince = over ? (overSince == null ? now : overSince) : null;
    underSince =
        under && !snapshot.demand().stale() ? (underSince == null ? now : underSince) : null;
    if (over && !now.isBefore(overSince.plus(UP_AFTER)) && capacity < snapshot.maxNodes()) {
      long add =
          Math.max(
              Nodes.ceilDiv(pendingVcores - freeVcores, c),
              Nodes.ceilDiv(pendingMemory - freeMemory, m));
      overSince = null;
      return ScalingDecision.grow(
          (int) Math.min(snapshot.maxNodes(), capacity + add), "pending above free for 1 min");
    }
    if (under && underSince != null && !now.isBefore(underSince.plus(DOWN_AFTER))) {
      List<NodeView> candidates = Nodes.leastLoaded(snapshot);
      int remove =
          Math.min(REMOVE_PER_CYCLE, Math.min(candidates.size(), capacity - snapshot.minNodes()));
      if (remove > 0) {
        return ScalingDecision.shrink(
            capacity,
            candidates.subList(0, remove).stream().map(NodeView::nodeId).toList(),
            "free above pending for 10 min");
      }
    }
    return ScalingDecision.hold(capacity, "steady");
  }
}
