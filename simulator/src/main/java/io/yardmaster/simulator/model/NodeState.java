package io.yardmaster.simulator.model;

/** YARN's node states (the subset the model produces), as the RM REST API spells them. */
public enum NodeState {
  RUNNING,
  DECOMMISSIONING,
  DECOMMISSIONED,
  LOST
}
