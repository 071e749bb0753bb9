package io.yardmaster.autoscaler.nodepool;

import java.util.Locale;

/** A VM's power state, from the {@code PowerState/<state>} status of its instance view. */
public enum PowerState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  DEALLOCATING,
  DEALLOCATED,
  UNKNOWN;

  private static final String PREFIX = "PowerState/";

  /** Parses a status code such as {@code PowerState/running}; anything else is {@link #UNKNOWN}. */
  public static PowerState fromStatusCode(String code) {
    if (code == null || !code.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return UNKNOWN;
    }
    String state = code.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
    for (PowerState value : values()) {
      if (value.name().equals(state)) {
        return value;
      }
    }
    return UNKNOWN;
  }

  /** Whether a status code is a power state at all (instance views also carry other statuses). */
  public static boolean isPowerStateCode(String code) {
    return code != null && code.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }
}
