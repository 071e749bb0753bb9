package io.yardmaster.simulator.model;

import java.util.Comparator;

/**
 * Bin packing: the most-allocated node first (the Yardmaster YARN placement plugin's order), nodes
 * marked for removal last, ties to the earliest registered node. Free nodes appear quickly.
 */
public final class MostAllocatedPlacement implements PlacementPolicy {
  private static final Comparator<NodeLoad> MOST_ALLOCATED_FIRST =
      Comparator.comparing(NodeLoad::markedForRemoval)
          .thenComparing(Comparator.comparingDouble(NodeLoad::allocatedShare).reversed());

  @Override
  public Comparator<NodeLoad> preference() {
    return MOST_ALLOCATED_FIRST;
  }
}
