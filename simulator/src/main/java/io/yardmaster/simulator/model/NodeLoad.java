package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;

/**
 * What placement knows of a schedulable node: its capacity, what its containers use, how it is
 * bought and whether it is marked for removal. Nodes with equal loads are interchangeable to a
 * {@link PlacementPolicy}, which is what lets the scheduler group them.
 */
public record NodeLoad(
    Resources capacity, Resources used, Priority priority, boolean markedForRemoval) {
  public NodeLoad {
    requireNonNull(capacity, "capacity is null");
    requireNonNull(used, "used is null");
    requireNonNull(priority, "priority is null");
  }

  public Resources available() {
    return capacity.minus(used);
  }

  /** Larger of the memory and vcore shares in use, 0..1 (1 for a dimension of no capacity). */
  public double allocatedShare() {
    double memory = capacity.memoryMb() == 0 ? 1 : (double) used.memoryMb() / capacity.memoryMb();
    double cores = capacity.vcores() == 0 ? 1 : (double) used.vcores() / capacity.vcores();
    return Math.max(memory, cores);
  }
}
