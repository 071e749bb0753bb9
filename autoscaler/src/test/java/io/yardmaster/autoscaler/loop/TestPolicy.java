package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A tiny policy for testing the loop: grow by the nodes the pending memory needs (less the VMs
 * booting), shrink every free node when nothing is pending; or whatever a test scripts. Records
 * every snapshot it was asked about.
 */
final class TestPolicy implements ScalingPolicy {
  private final Function<PoolSnapshot, ScalingDecision> rule;
  private final List<PoolSnapshot> seen = new ArrayList<>();

  private TestPolicy(Function<PoolSnapshot, ScalingDecision> rule) {
    this.rule = rule;
  }

  static TestPolicy demandFollowing() {
    return new TestPolicy(TestPolicy::followDemand);
  }

  static TestPolicy scripted(Function<PoolSnapshot, ScalingDecision> rule) {
    return new TestPolicy(rule);
  }

  /** Asks to remove every node of the pool, free or not: the loop must filter. */
  static TestPolicy removeEverything() {
    return new TestPolicy(
        snapshot ->
            snapshot.nodes().isEmpty()
                ? ScalingDecision.hold(snapshot.capacity(), "nothing to remove")
                : ScalingDecision.shrink(
                    snapshot.capacity(),
                    snapshot.nodes().stream().map(NodeView::nodeId).toList(),
                    "remove everything"));
  }

  @Override
  public String name() {
    return "test";
  }

  @Override
  public synchronized ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    seen.add(snapshot);
    return rule.apply(snapshot);
  }

  synchronized List<PoolSnapshot> seen() {
    return List.copyOf(seen);
  }

  private static ScalingDecision followDemand(PoolSnapshot snapshot) {
    long perNode = snapshot.sku().nodeManagerMemoryMb();
    long pending = snapshot.demand().pendingMemoryMb();
    if (pending > 0) {
      int needed = (int) ((pending + perNode - 1) / perNode) - snapshot.bootingVms();
      if (needed > 0) {
        return ScalingDecision.grow(snapshot.capacity() + needed, "pending " + pending + " MB");
      }
      return ScalingDecision.hold(snapshot.capacity(), "booting VMs cover the demand");
    }
    List<String> free =
        snapshot.nodes().stream().filter(NodeView::free).map(NodeView::nodeId).toList();
    if (!free.isEmpty() && snapshot.capacity() > snapshot.minNodes()) {
      return ScalingDecision.shrink(snapshot.capacity(), free, free.size() + " free nodes");
    }
    return ScalingDecision.hold(snapshot.capacity(), "demand met");
  }
}
