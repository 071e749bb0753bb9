package io.yardmaster.autoscaler.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Reports each node pool's Azure scale set in {@code /health} from the autoscaler's last tick,
 * which reads every scale set anyway: no extra ARM calls, which Azure throttles. A pool whose last
 * cloud call failed degrades Yardmaster but does not make it unhealthy. The result is reused for
 * {@link #FRESH}, so that polling the anonymous health endpoint never costs the database more.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = AutoscalerStore.class)
public final class NodePoolsHealthIndicator implements HealthIndicator {
  static final HealthStatus DEGRADED =
      new HealthStatus("DEGRADED", "a node pool's last cloud call failed", true, 1);
  static final HealthStatus UNKNOWN =
      new HealthStatus("UNKNOWN", "no tick has run yet", true, null);

  /** How long a result is reused: /health is anonymous, and must not be a way to load the DB. */
  static final Duration FRESH = Duration.ofSeconds(10);

  private final ClusterRegistry registry;
  private final AutoscalerStore store;
  private final Clock clock;
  private volatile HealthResult last;
  private volatile Instant lastAt = Instant.EPOCH;

  public NodePoolsHealthIndicator(ClusterRegistry registry, AutoscalerStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Instant now = clock.instant();
    HealthResult cached = last;
    if (cached == null || !now.isBefore(lastAt.plus(FRESH))) {
      cached = read();
      last = cached;
      lastAt = now;
    }
    return Mono.just(cached);
  }

  private HealthResult read() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean anyFailed = false;
    for (NodePoolConfig pool : registry.pools()) {
      List<DecisionRecord> last = store.decisions(pool.name(), 1);
      if (last.isEmpty()) {
        details.put(pool.name(), Map.of("status", UNKNOWN.getName()));
        continue;
      }
      DecisionRecord decision = last.get(0);
      boolean failed = decision.outcome() == DecisionRecord.Outcome.FAILED;
      anyFailed |= failed;
      details.put(
          pool.name(),
          Map.of(
              "status",
              failed ? DEGRADED.getName() : HealthStatus.UP.getName(),
              "lastTick",
              decision.tickAt().toString(),
              "reason",
              decision.reason()));
    }
    HealthStatus status = anyFailed ? DEGRADED : HealthStatus.UP;
    return HealthResult.builder("nodePools", status).details(details).build();
  }
}
