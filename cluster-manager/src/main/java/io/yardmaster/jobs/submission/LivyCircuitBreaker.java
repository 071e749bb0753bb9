package io.yardmaster.jobs.submission;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per cluster: after {@code threshold} submissions in a row that failed for Livy's sake (nothing
 * sent, no answer, a 5xx), the cluster is skipped by routing for {@code cool-down}; then one
 * submission is let through (half-open) and its outcome closes or re-opens the breaker.
 */
@Singleton
public final class LivyCircuitBreaker {
  private final Clock clock;
  private final int threshold;
  private final Duration coolDown;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public LivyCircuitBreaker(Clock clock, BreakerConfig config) {
    this.clock = clock;
    this.threshold = config.threshold();
    this.coolDown = config.coolDown();
  }

  public void succeeded(String cluster) {
    states.remove(cluster);
  }

  public void failed(String cluster, String why) {
    Instant now = clock.instant();
    states.compute(
        cluster,
        (key, state) -> {
          int failures = state == null ? 1 : state.failures() + 1;
          Instant openUntil = failures >= threshold ? now.plus(coolDown) : null;
          return new State(failures, openUntil, why);
        });
  }

  /** Why the cluster's Livy is skipped now, or empty when submissions may go to it. */
  public Optional<String> open(String cluster) {
    State state = states.get(cluster);
    if (state == null || state.openUntil() == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(state.openUntil())) {
      // Half-open: let the next submission try; its outcome decides.
      states.put(cluster, new State(threshold - 1, null, state.why()));
      return Optional.empty();
    }
    return Optional.of(
        "Livy on "
            + cluster
            + " failed "
            + state.failures()
            + " submissions in a row (last: "
            + state.why()
            + "); skipped until "
            + state.openUntil());
  }

  private record State(int failures, Instant openUntil, String why) {}
}
