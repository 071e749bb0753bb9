package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What the autoscaler keeps about a pool between ticks (and restarts).
 *
 * @param minNodes operator override of the configured minimum, or null
 * @param maxNodes operator override of the configured maximum, or null
 * @param writesBlockedUntil no capacity write before this (the cloud's 429 Retry-After)
 * @param backoffUntil no growth before this (VMs failed to become NodeManagers)
 * @param backoffLevel consecutive back-offs; the next one waits base * 2^level
 */
public record PoolState(
    String pool,
    boolean paused,
    @Nullable Integer minNodes,
    @Nullable Integer maxNodes,
    Instant writesBlockedUntil,
    Instant backoffUntil,
    int backoffLevel) {
  public PoolState {
    requireNonNull(pool, "pool is null");
    requireNonNull(writesBlockedUntil, "writesBlockedUntil is null");
    requireNonNull(backoffUntil, "backoffUntil is null");
    if (backoffLevel < 0) {
      throw new IllegalArgumentException("backoffLevel is negative: " + backoffLevel);
    }
  }

  public static PoolState initial(String pool) {
    return new PoolState(pool, false, null, null, Instant.EPOCH, Instant.EPOCH, 0);
  }

  public PoolState paused(boolean value) {
    return new PoolState(
        pool, value, minNodes, maxNodes, writesBlockedUntil, backoffUntil, backoffLevel);
  }

  public PoolState bounds(@Nullable Integer min, @Nullable Integer max) {
    return new PoolState(pool, paused, min, max, writesBlockedUntil, backoffUntil, backoffLevel);
  }

  public PoolState writesBlockedUntil(Instant until) {
    return new PoolState(pool, paused, minNodes, maxNodes, until, backoffUntil, backoffLevel);
  }

  public PoolState backoff(Instant until, int level) {
    return new PoolState(pool, paused, minNodes, maxNodes, writesBlockedUntil, until, level);
  }
}
