package io.yardmaster.simulator.emulator.arm;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;

/**
 * A response the emulator gives instead of (status) or before (delay) the normal one.
 *
 * @param status an HTTP status to answer with (429, 412, 500, ...), or 0 to answer normally
 * @param delay how long (wall time) to hold the request before handling it
 */
@Serdeable
public record ArmFault(int status, Duration delay) {
  public ArmFault {
    requireNonNull(delay, "delay is null");
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a fault status is 4xx or 5xx, got " + status);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
  }

  public static ArmFault status(int status) {
    return new ArmFault(status, Duration.ZERO);
  }

  public static ArmFault delay(Duration delay) {
    return new ArmFault(0, delay);
  }
}
