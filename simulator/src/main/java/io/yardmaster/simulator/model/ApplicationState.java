package io.yardmaster.simulator.model;

/** YARN's application states, as the RM REST API spells them. */
public enum ApplicationState {
  NEW,
  NEW_SAVING,
  SUBMITTED,
  ACCEPTED,
  RUNNING,
  FINISHED,
  FAILED,
  KILLED;

  public boolean terminal() {
    return switch (this) {
      case NEW, NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING -> false;
      case FINISHED, FAILED, KILLED -> true;
    };
  }
}
