package io.yardmaster.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * What every metered call site shares: the registry it gets (the app's Prometheus one, or, where no
 * registry is configured, one that records nothing) and the latency buckets its timers publish, so
 * that a Prometheus histogram quantile works without a bucket per millisecond.
 */
public final class Meters {
  /** Buckets from 10 ms to 1 min: a peer call, a submission, a tick. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  private Meters() {}

  /** The buckets, as a fresh array a caller cannot change for the others. */
  public static Duration[] latencyBuckets() {
    return LATENCY_BUCKETS.clone();
  }

  /** {@code meters}, or a registry that records nothing when none is configured (module tests). */
  public static MeterRegistry orNone(@Nullable MeterRegistry meters) {
    return meters == null ? new CompositeMeterRegistry() : meters;
  }
}
