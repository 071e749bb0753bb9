package io.yardmaster.placement;

import java.util.Comparator;
import java.util.Objects;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceInformation;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.SchedulerNode;

/**
 * One node's place in the packing order, captured once per sort: the scheduler changes a node's
 * allocation while others read it, and a sort must compare fixed values.
 *
 * @param <N> the scheduler's node type
 */
final class NodeStanding<N extends SchedulerNode> {

  /**
   * Nodes not marked for removal first; then the highest dominant share of allocated over total
   * resources; then the most allocated memory; then the node id, so that equal nodes always come in
   * the same order.
   */
  static final Comparator<NodeStanding<?>> PACKING_ORDER =
      Comparator.<NodeStanding<?>, Boolean>comparing(standing -> standing.markedForRemoval)
          .thenComparing(
              Comparator.<NodeStanding<?>>comparingDouble(standing -> standing.dominantShare)
                  .reversed())
          .thenComparing(
              Comparator.<NodeStanding<?>>comparingLong(standing -> standing.allocatedMemoryMb)
                  .reversed())
          .thenComparing(standing -> standing.nodeId);

  private final N node;
  private final NodeId nodeId;
  private final boolean markedForRemoval;
  private final double dominantShare;
  private final long allocatedMemoryMb;

  NodeStanding(
      N node,
      NodeId nodeId,
      boolean markedForRemoval,
      double dominantShare,
      long allocatedMemoryMb) {
    this.node = Objects.requireNonNull(node, "node is null");
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId is null");
    if (Double.isNaN(dominantShare) || dominantShare < 0) {
      throw new IllegalArgumentException("dominantShare must be >= 0: " + dominantShare);
    }
    this.markedForRemoval = markedForRemoval;
    this.dominantShare = dominantShare;
    this.allocatedMemoryMb = allocatedMemoryMb;
  }

  /** The standing of a node now. */
  static <N extends SchedulerNode> NodeStanding<N> of(N node, boolean markedForRemoval) {
    Resource allocated = node.getAllocatedResource();
    return new NodeStanding<>(
        node,
        node.getNodeID(),
        markedForRemoval,
        dominantShare(allocated, node.getTotalResource()),
        allocated.getMemorySize());
  }

  /**
   * The largest fraction of any resource type (memory, vcores, and any other type the cluster
   * defines) that is allocated; types the node has none of are skipped.
   */
  static double dominantShare(Resource allocated, Resource total) {
    ResourceInformation[] totals = total.getResources();
    ResourceInformation[] allocations = allocated.getResources();
    double share = 0;
    for (int index = 0; index < totals.length && index < allocations.length; index++) {
      long capacity = totals[index].getValue();
      if (capacity > 0) {
        share = Math.max(share, Math.max(0, allocations[index].getValue()) / (double) capacity);
      }
    }
    return share;
  }

  N node() {
    return node;
  }

  boolean markedForRemoval() {
    return markedForRemoval;
  }

  double dominantShare() {
    return dominantShare;
  }

  long allocatedMemoryMb() {
    return allocatedMemoryMb;
  }

  @Override
  public String toString() {
    return nodeId
        + "{marked="
        + markedForRemoval
        + ", dominantShare="
        + dominantShare
        + ", allocatedMemoryMb="
        + allocatedMemoryMb
        + "}";
  }
}
