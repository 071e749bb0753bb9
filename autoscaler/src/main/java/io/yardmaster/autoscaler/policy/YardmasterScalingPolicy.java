package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The production policy. Grows by packing the pending container shapes (first-fit decreasing) into
 * the free room of running nodes, then booting VMs, then new nodes of the pool's SKU; shrinks only
 * nodes that have been free (no containers, no applications) for an idle grace, never on stale or
 * missing demand, never while demand is pending, and not right after a scale-up. Keeps per pool
 * when each node was first seen free and when it last grew; thread safe.
 */
public final class YardmasterScalingPolicy implements ScalingPolicy {
  private static final String DECOMMISSIONED = "DECOMMISSIONED";

  private final YardmasterPolicyConfig config;
  private final Map<String, PoolMemory> memory = new HashMap<>();

  public YardmasterScalingPolicy(YardmasterPolicyConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  public YardmasterScalingPolicy() {
    this(YardmasterPolicyConfig.DEFAULTS);
  }

  public YardmasterPolicyConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "yardmaster";
  }

  @Override
  public synchronized ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    PoolMemory pool = memory.computeIfAbsent(snapshot.pool(), name -> new PoolMemory());
    pool.observe(snapshot.nodes(), now);
    int capacity = snapshot.capacity();
    if (capacity < snapshot.minNodes()) {
      return grown(
          pool,
          now,
          Math.min(snapshot.minNodes(), snapshot.maxNodes()),
          capacity,
          "below min " + snapshot.minNodes());
    }
    Demand demand = snapshot.demand();
    if (demand.stale()) {
      return ScalingDecision.hold(
          capacity,
          "demand stale or missing (age "
              + demand.age().toSeconds()
              + " s): no growth, scale-in frozen");
    }
    Growth growth = Growth.of(snapshot, pool.arrived, config.executorShare());
    if (growth.servableContainers() > 0 && growth.newNodes() == 0) {
      return ScalingDecision.hold(capacity, growth.describe() + "; fits running and booting nodes");
    }
    if (growth.newNodes() > 0) {
      if (snapshot.preferenceRank() > 0 && !snapshot.preferredPoolsExhausted()) {
        return ScalingDecision.hold(
            capacity, growth.describe() + "; left to the preferred pools, which can still grow");
      }
      if (capacity >= snapshot.maxNodes()) {
        return ScalingDecision.hold(
            capacity, growth.describe() + "; at max " + snapshot.maxNodes());
      }
      int target = Math.min(snapshot.maxNodes(), capacity + growth.newNodes());
      String capped = target < capacity + growth.newNodes() ? " (capped by max)" : "";
      return grown(pool, now, target, capacity, growth.describe() + capped);
    }
    return scaleIn(snapshot, pool, now, growth);
  }

  private ScalingDecision grown(
      PoolMemory pool, Instant now, int target, int capacity, String why) {
    pool.lastGrow = now;
    return ScalingDecision.grow(target, why + "; grow " + capacity + " -> " + target);
  }

  private ScalingDecision scaleIn(
      PoolSnapshot snapshot, PoolMemory pool, Instant now, Growth growth) {
    int capacity = snapshot.capacity();
    String prefix = growth.describe() + "; ";
    if (pool.lastGrow != null
        && Duration.between(pool.lastGrow, now).compareTo(config.scaleInDelayAfterGrow()) < 0) {
      return ScalingDecision.hold(capacity, prefix + "scale-in delayed after the last grow");
    }
    Instant freeBefore = now.minus(config.idleGrace());
    List<NodeView> idle = new ArrayList<>();
    for (NodeView node : snapshot.nodes()) {
      Instant since = pool.freeSince.get(node.nodeId());
      if (removable(node) && since != null && !since.isAfter(freeBefore)) {
        idle.add(node);
      }
    }
    if (idle.isEmpty()) {
      return ScalingDecision.hold(
          capacity, prefix + "no node free for " + minutes(config.idleGrace()));
    }
    idle.sort(
        Comparator.comparing((NodeView node) -> pool.freeSince.get(node.nodeId()))
            .thenComparing(NodeView::nodeId));
    int idleCount = idle.size();
    idle = beyondSpares(idle, snapshot);
    int byMin = capacity - snapshot.minNodes();
    int byShare = Math.max(1, (int) (snapshot.nodes().size() * config.maxRemovalShare()));
    int count = Math.min(idle.size(), Math.min(byMin, byShare));
    if (count <= 0) {
      return ScalingDecision.hold(
          capacity,
          String.format(
              Locale.ROOT,
              "%s%d idle nodes kept by min %d and %d spare nodes",
              prefix,
              idleCount,
              snapshot.minNodes(),
              snapshot.spareNodes()));
    }
    List<String> remove = idle.subList(0, count).stream().map(NodeView::nodeId).toList();
    return ScalingDecision.shrink(
        capacity,
        remove,
        String.format(
            Locale.ROOT,
            "%sremove %d of %d nodes free for %s or more (min %d, at most %.0f%% per decision)",
            prefix,
            count,
            idle.size(),
            minutes(config.idleGrace()),
            snapshot.minNodes(),
            config.maxRemovalShare() * 100));
  }

  /**
   * The idle nodes (oldest free first) less the spare nodes to keep: the free RUNNING nodes most
   * recently freed, including those not yet idle for the grace. A DECOMMISSIONED node is never a
   * spare.
   */
  private static List<NodeView> beyondSpares(List<NodeView> idle, PoolSnapshot snapshot) {
    long freeRunning =
        snapshot.nodes().stream().filter(node -> removable(node) && node.running()).count();
    long surplus = freeRunning - snapshot.spareNodes();
    List<NodeView> beyond = new ArrayList<>();
    for (NodeView node : idle) {
      if (!node.running()) {
        beyond.add(node);
      } else if (surplus > 0) {
        beyond.add(node);
        surplus--;
      }
    }
    return beyond;
  }

  /**
   * A free node with a VM, RUNNING or DECOMMISSIONED. The policy is not asked while a shrink is in
   * progress, so a DECOMMISSIONED node it sees was left over (it finished draining between a
   * shrink's re-check and the recommission of the nodes kept): its NodeManager has shut down and
   * nothing can run there again, but its VM is still paid for.
   */
  private static boolean removable(NodeView node) {
    return node.free()
        && (node.running() || DECOMMISSIONED.equals(node.state()))
        && node.vmInstanceId() != null;
  }

  private static String minutes(Duration duration) {
    return duration.toSeconds() % 60 == 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }

  /** What the policy remembers of one pool between ticks. */
  private static final class PoolMemory {
    private final Map<String, Instant> freeSince = new HashMap<>();
    private final Set<String> known = new HashSet<>();
    private final Set<String> arrived = new HashSet<>();
    private boolean first = true;
    private Instant lastGrow;

    /**
     * Starts the idle clock of newly free nodes, stops it for busy or vanished ones; notes the
     * nodes that registered since the previous tick.
     */
    void observe(List<NodeView> nodes, Instant now) {
      Map<String, Instant> still = new HashMap<>();
      arrived.clear();
      Set<String> present = new HashSet<>();
      for (NodeView node : nodes) {
        present.add(node.nodeId());
        if (!first && !known.contains(node.nodeId())) {
          arrived.add(node.nodeId());
        }
        if (removable(node)) {
          still.put(node.nodeId(), freeSince.getOrDefault(node.nodeId(), now));
        }
      }
      first = false;
      known.clear();
      known.addAll(present);
      freeSince.clear();
      freeSince.putAll(still);
    }
  }
}
