package io.yardmaster.simulator.model;

import io.yardmaster.core.registry.Priority;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schedulable nodes of a cluster grouped by {@link NodeLoad}, the groups in the placement
 * policy's preference order, each group's nodes in the order they became schedulable. Finding the
 * node for an ask walks the groups from the most preferred and stops at the first that fits (and at
 * the end of the groups equally preferred to it), so its cost is the number of distinct loads
 * passed over, which container sizes bound, not the number of nodes. A node moves between groups as
 * its containers start and end ({@link SimulatedNode} reports each change). Same choice as {@link
 * PlacementPolicy#choose} over every schedulable node that fits, in that order.
 */
final class NodeIndex {
  /** Any total order of loads, to keep loads that the policy ranks equal apart. */
  private static final Comparator<NodeLoad> DISTINCT =
      Comparator.comparingLong((NodeLoad load) -> load.capacity().memoryMb())
          .thenComparingLong(load -> load.capacity().vcores())
          .thenComparingLong(load -> load.used().memoryMb())
          .thenComparingLong(load -> load.used().vcores())
          .thenComparing(NodeLoad::priority)
          .thenComparing(NodeLoad::markedForRemoval);

  private static final Comparator<SimulatedNode> SCHEDULABLE_ORDER =
      Comparator.comparingLong(SimulatedNode::schedulableOrder);

  private final Comparator<NodeLoad> preference;
  private final TreeMap<NodeLoad, TreeSet<SimulatedNode>> groups;
  private long nextOrder;
  private int size;
  private int onDemand;

  NodeIndex(PlacementPolicy placement) {
    this.preference = placement.preference();
    this.groups = new TreeMap<>(preference.thenComparing(DISTINCT));
  }

  /** The node became schedulable: it goes after every node already in the index. */
  void add(SimulatedNode node) {
    if (node.index() != null) {
      return;
    }
    node.indexed(this, nextOrder++);
    insert(node, node.load());
    size++;
    onDemand += node.priority() == Priority.ON_DEMAND ? 1 : 0;
  }

  void remove(SimulatedNode node) {
    if (node.index() != this) {
      return;
    }
    delete(node, node.load());
    node.indexed(null, -1);
    size--;
    onDemand -= node.priority() == Priority.ON_DEMAND ? 1 : 0;
  }

  /** The node's load changed from {@code before}. */
  void moved(SimulatedNode node, NodeLoad before) {
    delete(node, before);
    insert(node, node.load());
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean hasOnDemand() {
    return onDemand > 0;
  }

  /** The node the policy prefers for {@code ask}, or null when none has room. */
  SimulatedNode best(Resources ask, boolean onDemandOnly) {
    SimulatedNode best = null;
    NodeLoad bestLoad = null;
    for (Map.Entry<NodeLoad, TreeSet<SimulatedNode>> group : groups.entrySet()) {
      NodeLoad load = group.getKey();
      if (bestLoad != null && preference.compare(load, bestLoad) != 0) {
        break;
      }
      if (!load.available().fits(ask) || onDemandOnly && load.priority() != Priority.ON_DEMAND) {
        continue;
      }
      SimulatedNode first = group.getValue().first();
      if (best == null || first.schedulableOrder() < best.schedulableOrder()) {
        best = first;
        bestLoad = load;
      }
    }
    return best;
  }

  private void insert(SimulatedNode node, NodeLoad load) {
    groups.computeIfAbsent(load, key -> new TreeSet<>(SCHEDULABLE_ORDER)).add(node);
  }

  private void delete(SimulatedNode node, NodeLoad load) {
    TreeSet<SimulatedNode> group = groups.get(load);
    if (group != null && group.remove(node) && group.isEmpty()) {
      groups.remove(load);
    }
  }
}
