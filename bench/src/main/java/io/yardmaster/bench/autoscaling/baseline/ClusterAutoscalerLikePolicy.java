package io.yardmaster.bench.autoscaling.baseline;

import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes cluster-autoscaler's rules on a YARN pool. Up: bin-pack the pending containers
 * into the upcoming (booting) nodes, then new ones. Down: a node is unneeded when its utilisation
 * (the larger of its vcore and memory shares) is under 0.5 and its containers fit on the other
 * nodes; after 10 minutes unneeded it is removed, empty nodes up to 10 at a time, a busy one alone
 * (its containers are evicted: the harness deletes it at once, killing them); no scale-down within
 * 10 minutes of a scale-up.
 */
public final class ClusterAutoscalerLikePolicy implements ScalingPolicy {
  private static final double THRESHOLD = 0.5;
  private static final Duration UNNEEDED = Duration.ofMinutes(10);
  private static final Duration DELAY_AFTER_ADD = Duration.ofMinutes(10);
  private static final int EMPTY_BULK = 10;

  private final Map<String, Instant> unneededSince = new HashMap<>();
  private Instant lastAdd;

  @Override
  public String name() {
    return "cluster-autoscaler-like";
  }

  @Override
  public ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    int capacity = snapshot.capacity();
    int add =
        Nodes.newNodesFor(snapshot.demand().pendingShapes(), snapshot.sku(), snapshot.bootingVms());
    List<NodeView> unneeded = track(snapshot, now);
    if (add > 0 && capacity < snapshot.maxNodes()) {
      lastAdd = now;
      return ScalingDecision.grow(
          Math.min(snapshot.maxNodes(), capacity + add), "pending containers need " + add);
    }
    if (snapshot.demand().stale()
        || lastAdd != null && now.isBefore(lastAdd.plus(DELAY_AFTER_ADD))) {
      return ScalingDecision.hold(capacity, "no scale-down now");
    }
    List<String> empty = new ArrayList<>();
    NodeView busy = null;
    for (NodeView node : unneeded) {
      if (now.isBefore(unneededSince.get(node.nodeId()).plus(UNNEEDED))) {
        continue;
      }
      if (node.free()) {
        empty.add(node.nodeId());
      } else if (busy == null) {
        busy = node;
      }
    }
    int room = capacity - snapshot.minNodes();
    if (!empty.isEmpty() && room > 0) {
      return ScalingDecision.shrink(
          capacity,
          empty.subList(0, Math.min(room, Math.min(EMPTY_BULK, empty.size()))),
          "empty nodes unneeded for 10 min");
    }
    if (busy != null && room > 0) {
      return ScalingDecision.shrink(
          capacity, List.of(busy.nodeId()), "under-utilised node unneeded for 10 min: drain");
    }
    return ScalingDecision.hold(capacity, "nothing unneeded long enough");
  }

  /** Updates the unneeded clocks; returns the unneeded nodes. */
  private List<NodeView> track(PoolSnapshot snapshot, Instant now) {
    List<NodeView> candidates = new ArrayList<>();
    long spareVcores = 0;
    long spareMemory = 0;
    for (NodeView node : Nodes.leastLoaded(snapshot)) {
      double share =
          Math.max(
              (double) node.usedVcores() / node.totalVcores(),
              (double) node.usedMemoryMb() / node.totalMemoryMb());
      if (share < THRESHOLD) {
        candidates.add(node);
      } else {
        spareVcores += node.totalVcores() - node.usedVcores();
        spareMemory += node.totalMemoryMb() - node.usedMemoryMb();
      }
    }
    List<NodeView> unneeded = new ArrayList<>();
    Map<String, Instant> still = new HashMap<>();
    for (NodeView node : candidates) {
      // its containers must fit in the room of the nodes that stay
      if (node.usedVcores() <= spareVcores && node.usedMemoryMb() <= spareMemory) {
        spareVcores -= node.usedVcores();
        spareMemory -= node.usedMemoryMb();
        unneeded.add(node);
        still.put(node.nodeId(), unneededSince.getOrDefault(node.nodeId(), now));
      }
    }
    unneededSince.clear();
    unneededSince.putAll(still);
    return unneeded;
  }
}
