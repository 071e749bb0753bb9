package io.yardmaster.jobs.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.metrics.Meters;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far behind each cluster's tracker is, as {@code yardmaster_tracker_lag_seconds}: the age of
 * the tracking pass the jobs' states last came from (since this replica took the cluster's lease,
 * if no pass has completed since). A pass that fails or hangs lets it grow. Only the replica
 * holding a cluster's tracker lease reports it; the others report NaN, which {@code max by
 * (cluster)} after {@code > -1} drops.
 */
@Singleton
public final class TrackerLag {
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Instant> since = new ConcurrentHashMap<>();

  public TrackerLag(Clock clock, @Nullable MeterRegistry meters) {
    this.clock = clock;
    this.meters = Meters.orNone(meters);
  }

  /** This replica holds {@code cluster}'s lease from {@code now} (a no-op while it holds it). */
  public void holding(String cluster, Instant now) {
    Instant previous = since.get(cluster);
    if (previous != null && !previous.equals(Instant.MIN)) {
      return;
    }
    since.put(cluster, now);
    if (previous == null) {
      Gauge.builder("yardmaster.tracker.lag.seconds", () -> seconds(cluster))
          .description("age of the tracking pass the cluster's job states come from")
          .tag("cluster", cluster)
          .register(meters);
    }
  }

  /** A pass over {@code cluster} that began at {@code passAt} completed. */
  public void tracked(String cluster, Instant passAt) {
    since.put(cluster, passAt);
  }

  /** Another replica holds {@code cluster}'s lease now. */
  public void released(String cluster) {
    since.computeIfPresent(cluster, (name, at) -> Instant.MIN);
  }

  /** The lag in seconds; NaN when this replica does not track the cluster. */
  public double seconds(String cluster) {
    Instant at = since.get(cluster);
    if (at == null || at.equals(Instant.MIN)) {
      return Double.NaN;
    }
    return Duration.between(at, clock.instant()).toMillis() / 1000.0;
  }
}
