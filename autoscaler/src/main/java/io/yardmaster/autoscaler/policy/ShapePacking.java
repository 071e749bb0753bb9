package io.yardmaster.autoscaler.policy;

import io.yardmaster.core.registry.Sku;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * First-fit decreasing of pending container shapes into bins: the free room of the pool's running
 * nodes, then its booting VMs (empty NodeManagers), then as many new nodes as needed. Containers of
 * one shape are placed together (as many as fit per bin), so a tick costs shapes x bins, not
 * containers x bins.
 */
final class ShapePacking {
  private final long nodeVcores;
  private final long nodeMemoryMb;
  private final List<long[]> bins = new ArrayList<>();
  private int newNodes;

  ShapePacking(Sku sku) {
    this.nodeVcores = sku.nodeManagerVcores();
    this.nodeMemoryMb = sku.nodeManagerMemoryMb();
  }

  /** A bin with this much free room (a running node). */
  void addRoom(long vcores, long memoryMb) {
    if (vcores > 0 && memoryMb > 0) {
      bins.add(new long[] {vcores, memoryMb});
    }
  }

  /** Empty NodeManagers that are on their way (booting VMs). */
  void addEmptyNodes(int count) {
    for (int i = 0; i < count; i++) {
      bins.add(new long[] {nodeVcores, nodeMemoryMb});
    }
  }

  /** Whether one container of this shape fits on an empty node of the SKU. */
  boolean fitsNode(ContainerShape shape) {
    return shape.vcores() <= nodeVcores && shape.memoryMb() <= nodeMemoryMb;
  }

  /**
   * Packs the shapes (each must {@link #fitsNode fit a node}), largest first by their dominant
   * share of a node, opening new nodes when the existing bins are full.
   *
   * @return new nodes opened
   */
  int pack(List<ContainerShape> shapes) {
    List<ContainerShape> ordered = new ArrayList<>(shapes);
    ordered.sort(Comparator.comparingDouble(this::dominantShare).reversed());
    for (ContainerShape shape : ordered) {
      long remaining = shape.count();
      for (int i = 0; i < bins.size() && remaining > 0; i++) {
        remaining -= place(bins.get(i), shape, remaining);
      }
      while (remaining > 0) {
        long[] bin = {nodeVcores, nodeMemoryMb};
        bins.add(bin);
        newNodes++;
        remaining -= place(bin, shape, remaining);
      }
    }
    return newNodes;
  }

  private static long place(long[] bin, ContainerShape shape, long remaining) {
    long fit = Math.min(remaining, Math.min(bin[0] / shape.vcores(), bin[1] / shape.memoryMb()));
    bin[0] -= fit * shape.vcores();
    bin[1] -= fit * shape.memoryMb();
    return fit;
  }

  private double dominantShare(ContainerShape shape) {
    return Math.max((double) shape.vcores() / nodeVcores, (double) shape.memoryMb() / nodeMemoryMb);
  }
}
