package io.yardmaster.simulator.model;

import java.util.List;

/** Chooses the node for a container ask among the schedulable nodes that fit it. */
public interface PlacementPolicy {

  /**
   * @param candidates running, non-decommissioning nodes with room for the ask, in registration
   *     order (never empty)
   * @return the chosen node, one of the candidates
   */
  SimulatedNode choose(List<SimulatedNode> candidates, Resources ask, ContainerKind kind);
}
