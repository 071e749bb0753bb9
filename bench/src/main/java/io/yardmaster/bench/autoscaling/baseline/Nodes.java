package io.yardmaster.bench.autoscaling.baseline;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.core.registry.Sku;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Small helpers the baselines share: free room, least-loaded nodes, bin-packing into new nodes. */
final class Nodes {
  private Nodes() {}

  static boolean running(NodeView node) {
    return "RUNNING".equals(node.state());
  }

  static long freeVcores(PoolSnapshot snapshot) {
    long free = 0;
    for (NodeView node : snapshot.nodes()) {
      if (running(node)) {
        free += Math.max(0, node.totalVcores() - node.usedVcores());
      }
    }
    return free;
  }

  static long freeMemoryMb(PoolSnapshot snapshot) {
    long free = 0;
    for (NodeView node : snapshot.nodes()) {
      if (running(node)) {
        free += Math.max(0, node.totalMemoryMb() - node.usedMemoryMb());
      }
    }
    return free;
  }

  /** Running nodes, fewest containers first, then least used: what a baseline removes first. */
  static List<NodeView> leastLoaded(PoolSnapshot snapshot) {
    List<NodeView> nodes = new ArrayList<>();
    for (NodeView node : snapshot.nodes()) {
      if (running(node) && node.vmInstanceId() != null) {
        nodes.add(node);
      }
    }
    nodes.sort(
        Comparator.comparingInt(NodeView::containers)
            .thenComparingInt(NodeView::usedVcores)
            .thenComparing(NodeView::nodeId));
    return nodes;
  }

  /**
   * Bin-packs pending shapes into {@code emptyNodes} upcoming nodes, then new ones (the
   * cluster-autoscaler's binpacking estimator: pending pods did not fit the existing nodes).
   */
  static int newNodesFor(List<ContainerShape> shapes, Sku sku, int emptyNodes) {
    List<long[]> bins = new ArrayList<>();
    for (int i = 0; i < emptyNodes; i++) {
      bins.add(new long[] {sku.nodeManagerVcores(), sku.nodeManagerMemoryMb()});
    }
    List<ContainerShape> ordered = new ArrayList<>(shapes);
    ordered.sort(Comparator.comparingInt(ContainerShape::vcores).reversed());
    int opened = 0;
    for (ContainerShape shape : ordered) {
      if (shape.vcores() > sku.nodeManagerVcores()
          || shape.memoryMb() > sku.nodeManagerMemoryMb()) {
        continue;
      }
      long remaining = shape.count();
      for (int i = 0; remaining > 0; i++) {
        if (i == bins.size()) {
          bins.add(new long[] {sku.nodeManagerVcores(), sku.nodeManagerMemoryMb()});
          opened++;
        }
        long[] bin = bins.get(i);
        long fit =
            Math.min(remaining, Math.min(bin[0] / shape.vcores(), bin[1] / shape.memoryMb()));
        bin[0] -= fit * shape.vcores();
        bin[1] -= fit * shape.memoryMb();
        remaining -= fit;
      }
    }
    return opened;
  }

  static long ceilDiv(long value, long divisor) {
    return value <= 0 ? 0 : (value + divisor - 1) / divisor;
  }
}
