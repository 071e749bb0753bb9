package io.yardmaster.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reports Graphite in {@code /health}. Without Graphite the autoscaler freezes scale-in, so it
 * degrades Yardmaster but does not make it unhealthy.
 */
@Singleton
public final class GraphiteHealthIndicator implements HealthIndicator {
  private final PeerHealthMonitor monitor;

  public GraphiteHealthIndicator(PeerHealthMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return monitor
        .graphite()
        .<Publisher<HealthResult>>map(
            health ->
                Mono.just(
                    HealthResult.builder(
                            "graphite",
                            health.up() ? HealthStatus.UP : ClustersHealthIndicator.DEGRADED)
                        .details(health)
                        .build()))
        .orElseGet(Flux::empty);
  }
}
