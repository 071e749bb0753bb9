package io.yardmaster.autoscaler.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The new nodes a pool needs for its demand, and why: the growth half of {@link
 * YardmasterScalingPolicy}.
 *
 * @param servableContainers pending and announced containers that nodes of this pool could serve
 * @param newNodes nodes to add beyond the running and booting ones
 * @param describe the reason, for the decision
 */
record Growth(long servableContainers, int newNodes, String describe) {

  /**
   * Packs what new nodes of this pool could serve into running, booting and new nodes. A node that
   * registered since the previous tick counts as empty when the demand sample is older than the
   * node read: what it runs now may be the very containers the sample still shows as pending (a
   * grow's VMs register and take them between the sample and the read), and counting them twice
   * would grow again for work already placed.
   */
  static Growth of(PoolSnapshot snapshot, Set<String> arrived, double executorShare) {
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
      if (!node.running()) {
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
      if (node.running()) {
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
}
