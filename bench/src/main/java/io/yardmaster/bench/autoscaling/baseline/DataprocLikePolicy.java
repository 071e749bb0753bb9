package io.yardmaster.bench.autoscaling.baseline;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Dataproc's autoscaling algorithm: after each cool-down, which starts when the previous operation
 * finished (new nodes registered), scale by {@code factor x (pending - available memory) / node
 * memory}, averaged over the cool-down; up with the up factor, down with the down factor. YARN
 * memory only, as Dataproc (its YARN schedules by memory). Removes the least-loaded nodes; the
 * harness drains them with Dataproc's graceful decommission timeout.
 */
public final class DataprocLikePolicy implements ScalingPolicy {
  private final double upFactor;
  private final double downFactor;
  private final Duration cooldown;
  private Instant operationEnded;
  private boolean operating;
  private double sum;
  private int samples;

  public DataprocLikePolicy(double upFactor, double downFactor, Duration cooldown) {
    this.upFactor = upFactor;
    this.downFactor = downFactor;
    this.cooldown = cooldown;
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "dataproc-like %.1f/%.1f", upFactor, downFactor);
  }

  @Override
  public ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    int capacity = snapshot.capacity();
    if (operating) {
      if (snapshot.bootingVms() > 0) {
        return ScalingDecision.hold(capacity, "scaling operation in progress");
      }
      operating = false;
      operationEnded = now;
    }
    sum += snapshot.demand().pendingMemoryMb() - Nodes.freeMemoryMb(snapshot);
    samples++;
    if (operationEnded != null && now.isBefore(operationEnded.plus(cooldown))) {
      return ScalingDecision.hold(capacity, "cool-down");
    }
    double delta = sum / samples;
    sum = 0;
    samples = 0;
    operationEnded = now;
    long nodeMemory = snapshot.sku().nodeManagerMemoryMb();
    if (delta > 0) {
      int add = (int) Math.ceil(upFactor * delta / nodeMemory);
      int target = Math.min(snapshot.maxNodes(), capacity + add);
      if (target > capacity) {
        operating = true;
        return ScalingDecision.grow(target, "pending - available memory " + (long) delta + " MB");
      }
      return ScalingDecision.hold(capacity, "at max");
    }
    int remove = (int) Math.floor(downFactor * -delta / nodeMemory);
    remove = Math.min(remove, capacity - snapshot.minNodes());
    List<NodeView> candidates = Nodes.leastLoaded(snapshot);
    remove = Math.min(remove, candidates.size());
    if (remove <= 0) {
      return ScalingDecision.hold(capacity, "nothing to remove");
    }
    return ScalingDecision.shrink(
        capacity,
        candidates.subList(0, remove).stream().map(NodeView::nodeId).toList(),
        "available - pending memory " + (long) -delta + " MB");
  }
}
