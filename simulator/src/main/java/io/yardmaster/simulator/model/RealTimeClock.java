package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time = start + (wall time since creation) x {@code speedUp} + time {@linkplain #skip
 * skipped}. With {@code speedUp} 60 a four-minute VM boot takes four wall seconds.
 */
public final class RealTimeClock implements SimulationClock {
  private final Clock wall;
  private final double speedUp;
  private final long wallOrigin;
  private final long startMillis;
  private final AtomicLong skippedMillis = new AtomicLong();

  public RealTimeClock(Clock wall, double speedUp) {
    this.wall = requireNonNull(wall, "wall is null");
    if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
      throw new IllegalArgumentException("speedUp must be positive and finite, got " + speedUp);
    }
    this.speedUp = speedUp;
    this.wallOrigin = wall.millis();
    this.startMillis = wallOrigin;
  }

  public double speedUp() {
    return speedUp;
  }

  @Override
  public long startMillis() {
    return startMillis;
  }

  @Override
  public long reachableMillis() {
    return startMillis + skippedMillis.get() + (long) ((wall.millis() - wallOrigin) * speedUp);
  }

  /**
   * Jumps simulated time ahead by {@code duration} (fast-forward, for demos and tests); the engine
   * runs the skipped events at its next catch-up.
   */
  public void skip(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot skip backwards: " + duration);
    }
    skippedMillis.addAndGet(duration.toMillis());
  }
}
