package io.yardmaster.simulator.emulator.arm;

/**
 * A token bucket: holds up to {@code burst} tokens, gains {@code perMinute} tokens a minute, and
 * each request takes one. Time is passed in (milliseconds on the simulation's clock), so it runs as
 * fast as simulated time does. Exact integer arithmetic: a token is worth 60,000 credits and every
 * millisecond adds {@code perMinute} credits. Not thread safe; callers lock.
 */
final class TokenBucket {
  private static final long CREDITS_PER_TOKEN = 60_000;

  private final long capacity;
  private final long creditsPerMilli;
  private long credits;
  private long lastMillis;

  TokenBucket(int burst, int perMinute, long nowMillis) {
    if (burst < 1 || perMinute < 1) {
      throw new IllegalArgumentException(
          "burst and perMinute must be positive, got " + burst + ", " + perMinute);
    }
    this.capacity = burst * CREDITS_PER_TOKEN;
    this.creditsPerMilli = perMinute;
    this.credits = capacity;
    this.lastMillis = nowMillis;
  }

  /**
   * Takes a token if there is one.
   *
   * @return 0 when a token was taken, else the milliseconds until the next token (at least 1)
   */
  long tryTake(long nowMillis) {
    refill(nowMillis);
    if (credits >= CREDITS_PER_TOKEN) {
      credits -= CREDITS_PER_TOKEN;
      return 0;
    }
    long missing = CREDITS_PER_TOKEN - credits;
    return Math.max(1, (missing + creditsPerMilli - 1) / creditsPerMilli);
  }

  /** Whole tokens left now. */
  int remaining(long nowMillis) {
    refill(nowMillis);
    return (int) (credits / CREDITS_PER_TOKEN);
  }

  private void refill(long nowMillis) {
    if (nowMillis > lastMillis) {
      long elapsed = nowMillis - lastMillis;
      credits =
          elapsed >= capacity ? capacity : Math.min(capacity, credits + elapsed * creditsPerMilli);
      lastMillis = nowMillis;
    }
  }
}
