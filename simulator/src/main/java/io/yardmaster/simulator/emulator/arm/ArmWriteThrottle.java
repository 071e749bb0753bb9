package io.yardmaster.simulator.emulator.arm;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ARM's write throttling per scale set: a {@link TokenBucket} of {@code write-burst} tokens
 * refilled at {@code writes-per-minute}, on the simulation's clock.
 */
@Singleton
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmWriteThrottle {
  private final int burst;
  private final int perMinute;
  private final Map<String, TokenBucket> buckets = new HashMap<>();

  public ArmWriteThrottle(ArmEmulatorConfig config) {
    this.burst = config.writeBurst();
    this.perMinute = config.writesPerMinute();
  }

  /**
   * Takes one write from the scale set's budget.
   *
   * @return 0 when allowed, else the milliseconds (simulated) until a write is allowed again
   */
  public synchronized long tryWrite(String armId, long nowMillis) {
    return bucket(armId, nowMillis).tryTake(nowMillis);
  }

  /** Writes the scale set may still make now. */
  public synchronized int remaining(String armId, long nowMillis) {
    return bucket(armId, nowMillis).remaining(nowMillis);
  }

  /** Forgets every bucket: all scale sets have their full burst again. */
  public synchronized void reset() {
    buckets.clear();
  }

  private TokenBucket bucket(String armId, long nowMillis) {
    return buckets.computeIfAbsent(
        armId.toLowerCase(Locale.ROOT), key -> new TokenBucket(burst, perMinute, nowMillis));
  }
}
