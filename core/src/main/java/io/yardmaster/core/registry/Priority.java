package io.yardmaster.core.registry;

import java.util.Locale;

/** How a node pool's VMs are bought. */
public enum Priority {
  ON_DEMAND,
  SPOT;

  /** Parses {@code on-demand} / {@code spot} as written in configuration. */
  public static Priority parse(String key, String value) {
    String normalised =
        value == null ? "on_demand" : value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Priority priority : values()) {
      if (priority.name().toLowerCase(Locale.ROOT).equals(normalised)) {
        return priority;
      }
    }
    throw new InvalidConfigurationException(
        key + " must be 'on-demand' or 'spot', got '" + value + "'");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
