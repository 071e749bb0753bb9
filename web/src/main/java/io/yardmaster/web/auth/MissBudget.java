package io.yardmaster.web.auth;

import java.time.Clock;

/**
 * A token bucket for database lookups of tokens this replica does not know: {@link #PER_SECOND} a
 * second with a burst of {@link #BURST}. Beyond it an unknown token is refused without a query.
 */
final class MissBudget {
  static final int PER_SECOND = 20;
  static final int BURST = 40;

  private final Clock clock;
  private double tokens = BURST;
  private long lastMillis;

  MissBudget(Clock clock) {
    this.clock = clock;
    this.lastMillis = clock.millis();
  }

  /** Takes one lookup from the budget; false when it is spent. */
  synchronized boolean take() {
    long now = clock.millis();
    tokens = Math.min(BURST, tokens + Math.max(0, now - lastMillis) * PER_SECOND / 1000.0);
    lastMillis = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
