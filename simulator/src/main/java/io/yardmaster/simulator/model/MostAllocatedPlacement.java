package io.yardmaster.simulator.model;

import java.util.List;

/**
 * Bin packing: the most-allocated node first (the Yardmaster YARN placement plugin's order), nodes
 * marked for removal last, ties to the earliest registered node. Free nodes appear quickly.
 */
public final class MostAllocatedPlacement implements PlacementPolicy {
  @Override
  public SimulatedNode choose(List<SimulatedNode> candidates, Resources ask, ContainerKind kind) {
    SimulatedNode best = null;
    for (SimulatedNode node : candidates) {
      if (best == null || better(node, best)) {
        best = node;
      }
    }
    return best;
  }

  private static boolean better(SimulatedNode node, SimulatedNode best) {
    if (node.markedForRemoval() != best.markedForRemoval()) {
      return !node.markedForRemoval();
    }
    return node.allocatedShare() > best.allocatedShare();
  }
}
