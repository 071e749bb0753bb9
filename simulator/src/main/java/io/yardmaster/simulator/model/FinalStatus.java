package io.yardmaster.simulator.model;

/** YARN's final application status, as the RM REST API spells it. */
public enum FinalStatus {
  UNDEFINED,
  SUCCEEDED,
  FAILED,
  KILLED
}
