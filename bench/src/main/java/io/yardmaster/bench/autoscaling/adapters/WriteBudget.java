package io.yardmaster.bench.autoscaling.adapters;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of scale-set writes, like Azure's per-VMSS throttling (about 4 writes a minute,
 * bursts of 12): a write without a token is answered 429 with a Retry-After and not applied.
 */
final class WriteBudget {
  private final double perMilli;
  private final double burst;
  private double tokens;
  private long lastMillis = Long.MIN_VALUE;

  WriteBudget(int perMinute, int burst) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("perMinute and burst must be positive");
    }
    this.perMilli = perMinute / 60_000.0;
    this.burst = burst;
    this.tokens = burst;
  }

  /**
   * Takes a token if one is left at {@code now}.
   *
   * @return zero when a token was taken, else how long until the next one (at least a second, as a
   *     Retry-After header counts in whole seconds)
   */
  Duration tryAcquire(Instant now) {
    long millis = now.toEpochMilli();
    if (lastMillis != Long.MIN_VALUE) {
      tokens = Math.min(burst, tokens + (millis - lastMillis) * perMilli);
    }
    lastMillis = millis;
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    long waitMillis = (long) Math.ceil((1 - tokens) / perMilli);
    return Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000));
  }
}
