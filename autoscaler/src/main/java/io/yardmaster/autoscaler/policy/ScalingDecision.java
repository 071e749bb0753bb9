package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A policy's answer, explaining itself.
 *
 * @param targetCapacity GROW: the absolute capacity to write (never below the capacity read);
 *     otherwise the capacity read
 * @param removeNodes SHRINK: node ids, each free when decided; empty otherwise
 */
public record ScalingDecision(
    ScalingAction action, int targetCapacity, List<String> removeNodes, String reason) {
  public ScalingDecision {
    requireNonNull(action, "action is null");
    requireNonNull(reason, "reason is null");
    removeNodes = List.copyOf(removeNodes);
    if (action == ScalingAction.SHRINK && removeNodes.isEmpty()) {
      throw new IllegalArgumentException("a SHRINK names the nodes to remove");
    }
  }

  public static ScalingDecision hold(int capacity, String reason) {
    return new ScalingDecision(ScalingAction.HOLD, capacity, List.of(), reason);
  }

  public static ScalingDecision grow(int target, String reason) {
    return new ScalingDecision(ScalingAction.GROW, target, List.of(), reason);
  }

  public static ScalingDecision shrink(int capacity, List<String> nodes, String reason) {
    return new ScalingDecision(ScalingAction.SHRINK, capacity, nodes, reason);
  }
}
