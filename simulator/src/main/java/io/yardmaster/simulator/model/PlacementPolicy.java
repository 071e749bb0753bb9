package io.yardmaster.simulator.model;

import java.util.Comparator;
import java.util.List;

/**
 * Chooses the node for a container ask among the schedulable nodes that fit it: the most preferred
 * by {@link #preference()}, and among equally preferred ones the node that became schedulable
 * first. The preference sees only a node's {@link NodeLoad}, so the scheduler keeps nodes grouped
 * by load in preference order and a placement costs the distinct loads it looks at, not the nodes.
 */
public interface PlacementPolicy {

  /**
   * Orders loads best first. Must be a total preorder that depends on nothing but the loads
   * compared.
   */
  Comparator<NodeLoad> preference();

  /**
   * The choice by a scan of every candidate, which the scheduler's index must agree with.
   *
   * @param candidates running, non-decommissioning nodes with room for the ask, in the order they
   *     became schedulable (never empty)
   * @return the first of the most preferred candidates
   */
  default SimulatedNode choose(List<SimulatedNode> candidates) {
    Comparator<NodeLoad> preference = preference();
    SimulatedNode best = null;
    for (SimulatedNode node : candidates) {
      if (best == null || preference.compare(node.load(), best.load()) < 0) {
        best = node;
      }
    }
    return best;
  }
}
