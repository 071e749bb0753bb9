package io.yardmaster.autoscaler.policy;

/** What a decision does to a pool. */
public enum ScalingAction {
  /** Nothing: demand is met, a cool-down runs, or inputs are unsafe. */
  HOLD,
  /** Raise the scale set's capacity to the decision's absolute target. */
  GROW,
  /** Decommission and then delete exactly the decision's free nodes. */
  SHRINK
}
