package io.yardmaster.simulator.livy;

import io.yardmaster.simulator.model.ApplicationState;
import io.yardmaster.simulator.model.FinalStatus;
import java.util.Locale;

/** Livy's session states; a batch uses starting, running, success, dead and killed. */
public enum LivyState {
  NOT_STARTED,
  STARTING,
  RECOVERING,
  IDLE,
  RUNNING,
  BUSY,
  SHUTTING_DOWN,
  ERROR,
  DEAD,
  KILLED,
  SUCCESS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean terminal() {
    return switch (this) {
      case ERROR, DEAD, KILLED, SUCCESS -> true;
      case NOT_STARTED, STARTING, RECOVERING, IDLE, RUNNING, BUSY, SHUTTING_DOWN -> false;
    };
  }

  /** Livy's mapping of a YARN application's state (SparkYarnApp), as a batch state. */
  static LivyState of(ApplicationState state, FinalStatus finalStatus) {
    return switch (state) {
      case NEW, NEW_SAVING, SUBMITTED, ACCEPTED -> STARTING;
      case RUNNING -> RUNNING;
      case FINISHED ->
          switch (finalStatus) {
            case SUCCEEDED, UNDEFINED -> SUCCESS;
            case FAILED -> DEAD;
            case KILLED -> KILLED;
          };
      case FAILED -> DEAD;
      case KILLED -> KILLED;
    };
  }
}
