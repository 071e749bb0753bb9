package io.yardmaster.cost.api;

import java.util.Locale;
import java.util.Optional;

/** How a query shows the pool-hours' idle (the bill no app used). */
public enum IdleMode {
  /** As its own row, {@code __idle__}: each row is what its apps were allocated. */
  SEPARATE,
  /** Shared back to the apps of the pool-hour by their allocation ({@code idle_share_micros}). */
  SHARE,
  /**
   * The autoscaler's warm-up and drain tail charged to the apps whose demand caused the growth
   * ({@code idle_cause_micros}); the rest of the idle stays its own row.
   */
  CAUSE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<IdleMode> of(String name) {
    for (IdleMode mode : values()) {
      if (mode.wireName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
