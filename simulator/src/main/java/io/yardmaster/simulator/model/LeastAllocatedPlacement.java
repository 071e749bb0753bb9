package io.yardmaster.simulator.model;

import java.util.List;

/**
 * Spreading: the least-allocated node first, like YARN's stock {@code
 * ResourceUsageMultiNodeLookupPolicy}. A baseline to compare bin packing with.
 */
public final class LeastAllocatedPlacement implements PlacementPolicy {
  @Override
  public SimulatedNode choose(List<SimulatedNode> candidates, Resources ask, ContainerKind kind) {
    SimulatedNode best = null;
    for (SimulatedNode node : candidates) {
      if (best == null || node.allocatedShare() < best.allocatedShare()) {
        best = node;
      }
    }
    return best;
  }
}
