package io.yardmaster.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Reports each cluster's Livy and ResourceManager in {@code /health}. A cluster being down degrades
 * Yardmaster but does not make it unhealthy: it keeps serving the other clusters, so the status
 * stays operational (HTTP 200).
 */
@Singleton
public final class ClustersHealthIndicator implements HealthIndicator {
  static final HealthStatus DEGRADED =
      new HealthStatus("DEGRADED", "a cluster peer is down", true, 1);

  private final ClusterRegistry registry;
  private final PeerHealthMonitor monitor;

  public ClustersHealthIndicator(ClusterRegistry registry, PeerHealthMonitor monitor) {
    this.registry = registry;
    this.monitor = monitor;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, ClusterHealth> details = new LinkedHashMap<>();
    boolean allUp = true;
    for (ClusterConfig cluster : registry.clusters()) {
      ClusterHealth health = monitor.health(cluster.name());
      details.put(cluster.name(), health);
      allUp &= health.up();
    }
    HealthStatus status = allUp ? HealthStatus.UP : DEGRADED;
    return Mono.just(HealthResult.builder("clusters", status).details(details).build());
  }
}
