package io.yardmaster.simulator.model;

import java.util.Comparator;

/**
 * Spreading: the least-allocated node first, like YARN's stock {@code
 * ResourceUsageMultiNodeLookupPolicy}. A baseline to compare bin packing with.
 */
public final class LeastAllocatedPlacement implements PlacementPolicy {
  private static final Comparator<NodeLoad> LEAST_ALLOCATED_FIRST =
      Comparator.comparingDouble(NodeLoad::allocatedShare);

  @Override
  public Comparator<NodeLoad> preference() {
    return LEAST_ALLOCATED_FIRST;
  }
}
