package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.PoolOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop's own safety net around any policy: a GROW never goes below the capacity read nor above
 * the maximum; a SHRINK never runs on stale demand, only removes nodes that are free and backed by
 * a VM of this pool, and never goes below the minimum. While the pool has a cloud operation in
 * flight, neither a second grow nor a scale-in starts: the capacity it writes already counts (the
 * snapshot's capacity and booting VMs include it), and ARM would refuse or queue a second write.
 */
final class DecisionGuard {
  private DecisionGuard() {}

  static ScalingDecision check(
      ScalingDecision decision,
      PoolSnapshot snapshot,
      PoolObservation observed,
      Optional<PoolOperation> inFlight) {
    ScalingDecision checked = check(decision, snapshot, observed);
    if (inFlight.isEmpty() || checked.action() == ScalingAction.HOLD) {
      return checked;
    }
    String operation = CloudOperations.describe(inFlight.get());
    return ScalingDecision.hold(
        snapshot.capacity(),
        checked.reason()
            + (checked.action() == ScalingAction.GROW
                ? " (no second grow while " + operation + " is in flight)"
                : " (no scale-in while " + operation + " is in flight)"));
  }

  static ScalingDecision check(
      ScalingDecision decision, PoolSnapshot snapshot, PoolObservation observed) {
    int capacity = snapshot.capacity();
    return switch (decision.action()) {
      case HOLD -> decision;
      case GROW -> {
        int target = Math.min(snapshot.maxNodes(), Math.max(capacity, decision.targetCapacity()));
        if (target <= capacity) {
          yield ScalingDecision.hold(
              capacity,
              decision.reason() + " (no growth: max " + snapshot.maxNodes() + " reached)");
        }
        yield ScalingDecision.grow(target, decision.reason());
      }
      case SHRINK -> {
        if (snapshot.demand().stale()) {
          yield ScalingDecision.hold(
              capacity, "scale-in frozen: demand is stale or missing (" + decision.reason() + ")");
        }
        int removable = Math.max(0, capacity - snapshot.minNodes());
        List<String> nodes = new ArrayList<>();
        for (String nodeId : decision.removeNodes()) {
          Optional<NodeView> node = observed.node(nodeId);
          if (nodes.size() < removable
              && node.isPresent()
              && node.get().free()
              && node.get().vmInstanceId() != null) {
            nodes.add(nodeId);
          }
        }
        if (nodes.isEmpty()) {
          yield ScalingDecision.hold(
              capacity, "no removable node among " + decision.removeNodes() + " (min, busy)");
        }
        yield ScalingDecision.shrink(capacity, nodes, decision.reason());
      }
    };
  }
}
