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
  private static final String RUNNING = "RUNNING";
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
    Growth growth = growth(snapshot, pool.arrived, config.executorShare());
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
        snapshot.nodes().stream()
            .filter(node -> removable(node) && RUNNING.equals(node.state()))
            .count();
    long surplus = freeRunning - snapshot.spareNodes();
    List<NodeView> beyond = new ArrayList<>();
    for (NodeView node : idle) {
      if (!RUNNING.equals(node.state())) {
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
        && (RUNNING.equals(node.state()) || DECOMMISSIONED.equals(node.state()))
        && node.vmInstanceId() != null;
  }

  /**
   * Packs what new nodes of this pool could serve into running, booting and new nodes. A node that
   * registered since the previous tick counts as empty when the demand sample is older than the
   * node read: what it runs now may be the very containers the sample still shows as pending (a
   * grow's VMs register and take them between the sample and the read), and counting them twice
   * would grow again for work already placed.
   */
  private static Growth growth(PoolSnapshot snapshot, Set<String> arrived, double executorShare) {
    ShapePacking packing = new ShapePacking(snapshot.sku());
    Demand demand = snapshot.demand();
    List<ContainerShape> servable = new ArrayList<>();
    long servableContainers = 0;
    long tooLarge = 0;
    long amOnly = 0;
    List<ContainerShape> wanted = new ArrayList<>(demand.pendingShapes());
    wanted.addAll(demand.announcedShapes());
    for (ContainerShape shape : wanted) {
      if (shape.count() == 0) {
        continue;
      }
      if (!packing.fitsNode(shape)) {
        tooLarge += shape.count();
      } else if (shape.applicationMaster() && snapshot.spot()) {
        amOnly += shape.count();
      } else {
        servable.add(shape.applicationMaster() ? shape : share(shape, executorShare));
        servableContainers += shape.count();
      }
    }
    if (demand.pendingShapes().isEmpty()
        && (demand.pendingVcores() > 0 || demand.pendingMemoryMb() > 0)) {
      return fluidGrowth(snapshot, servable, executorShare);
    }
    boolean lagging = demand.age().compareTo(Duration.ZERO) > 0;
    for (NodeView node : snapshot.nodes()) {
      if (!RUNNING.equals(node.state())) {
        continue;
      }
      if (lagging && arrived.contains(node.nodeId())) {
        packing.addRoom(node.totalVcores(), node.totalMemoryMb());
      } else {
        packing.addRoom(
            (long) node.totalVcores() - node.usedVcores(),
            node.totalMemoryMb() - node.usedMemoryMb());
      }
    }
    packing.addEmptyNodes(snapshot.bootingVms());
    if (snapshot.spareNodes() > 0) {
      servable.add(
          new ContainerShape(
              snapshot.spareNodes(),
              snapshot.sku().nodeManagerVcores(),
              snapshot.sku().nodeManagerMemoryMb()));
    }
    int newNodes = servable.isEmpty() ? 0 : packing.pack(servable);
    StringBuilder why = new StringBuilder();
    why.append(
        String.format(
            Locale.ROOT,
            "pending %d vcores / %d MB, %d containers announced: %d containers new nodes could"
                + " serve%s need %d new nodes (after free room and %d booting)",
            demand.pendingVcores(),
            demand.pendingMemoryMb(),
            demand.announcedContainers(),
            servableContainers,
            extras(snapshot, executorShare),
            newNodes,
            snapshot.bootingVms()));
    if (tooLarge > 0) {
      why.append("; ignored ").append(tooLarge).append(" containers larger than a node");
    }
    if (amOnly > 0) {
      why.append("; ignored ").append(amOnly).append(" application masters (spot pool)");
    }
    return new Growth(servableContainers, newNodes, why.toString());
  }

  /**
   * Only aggregates known: nodes = pending plus {@code announced} (the announced containers this
   * pool could serve) beyond free and booting room, by cores and memory.
   */
  private static Growth fluidGrowth(
      PoolSnapshot snapshot, List<ContainerShape> announced, double executorShare) {
    long freeVcores = 0;
    long freeMemory = 0;
    for (NodeView node : snapshot.nodes()) {
      if (RUNNING.equals(node.state())) {
        freeVcores += Math.max(0, node.totalVcores() - node.usedVcores());
        freeMemory += Math.max(0, node.totalMemoryMb() - node.usedMemoryMb());
      }
    }
    freeVcores += (long) snapshot.bootingVms() * snapshot.sku().nodeManagerVcores();
    freeMemory += (long) snapshot.bootingVms() * snapshot.sku().nodeManagerMemoryMb();
    Demand demand = snapshot.demand();
    long wantedVcores = (long) Math.ceil(demand.pendingVcores() * executorShare);
    long wantedMemory = (long) Math.ceil(demand.pendingMemoryMb() * executorShare);
    wantedVcores += (long) snapshot.spareNodes() * snapshot.sku().nodeManagerVcores();
    wantedMemory += (long) snapshot.spareNodes() * snapshot.sku().nodeManagerMemoryMb();
    for (ContainerShape shape : announced) {
      wantedVcores += (long) shape.count() * shape.vcores();
      wantedMemory += (long) shape.count() * shape.memoryMb();
    }
    long byCores = ceilDiv(wantedVcores - freeVcores, snapshot.sku().nodeManagerVcores());
    long byMemory = ceilDiv(wantedMemory - freeMemory, snapshot.sku().nodeManagerMemoryMb());
    int newNodes = (int) Math.min(Integer.MAX_VALUE, Math.max(byCores, byMemory));
    return new Growth(
        1,
        newNodes,
        String.format(
            Locale.ROOT,
            "pending %d vcores / %d MB (no shapes known) and %d containers announced%s need %d"
                + " new nodes (after free room and %d booting)",
            demand.pendingVcores(),
            demand.pendingMemoryMb(),
            demand.announcedContainers(),
            extras(snapshot, executorShare),
            newNodes,
            snapshot.bootingVms()));
  }

  /** {@code share} of an executor shape's count, rounded up so that every shape counts. */
  private static ContainerShape share(ContainerShape shape, double share) {
    if (share >= 1) {
      return shape;
    }
    int count = (int) Math.ceil(shape.count() * share);
    return new ContainerShape(count, shape.vcores(), shape.memoryMb(), false);
  }

  /** What the growth counts besides the demand itself, for the decision's reason. */
  private static String extras(PoolSnapshot snapshot, double executorShare) {
    StringBuilder text = new StringBuilder();
    if (executorShare < 1) {
      text.append(
          String.format(Locale.ROOT, " (executors at a %.0f%% share)", executorShare * 100));
    }
    if (snapshot.spareNodes() > 0) {
      text.append(" plus ").append(snapshot.spareNodes()).append(" spare nodes");
    }
    return text.toString();
  }

  private static long ceilDiv(long value, long divisor) {
    return value <= 0 ? 0 : (value + divisor - 1) / divisor;
  }

  private static String minutes(Duration duration) {
    return duration.toSeconds() % 60 == 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }

  private record Growth(long servableContainers, int newNodes, String describe) {}

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
