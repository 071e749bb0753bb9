package io.yardmaster.backend;

import java.util.Locale;

/** Livy's batch states, plus UNKNOWN for a name this version of Yardmaster does not know. */
public enum BatchState {
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
  SUCCESS,
  UNKNOWN;

  public static BatchState parse(String livyName) {
    if (livyName == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(livyName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
