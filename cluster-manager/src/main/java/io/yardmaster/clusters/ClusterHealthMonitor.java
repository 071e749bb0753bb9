package io.yardmaster.clusters;

import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes every cluster's Livy and ResourceManager in the background, so that reading health (the
 * health endpoint, the cluster list) never waits on a slow peer.
 */
@Singleton
public final class ClusterHealthMonitor {
  private final ClusterRegistry registry;
  private final HttpPeerProbe probe;
  private final Map<String, ClusterHealth> latest = new ConcurrentHashMap<>();

  public ClusterHealthMonitor(ClusterRegistry registry, HttpPeerProbe probe) {
    this.registry = registry;
    this.probe = probe;
  }

  @Scheduled(
      fixedDelay = "${yardmaster.health.interval:10s}",
      initialDelay = "${yardmaster.health.initial-delay:2s}")
  void refresh() {
    for (ClusterConfig cluster : registry.clusters()) {
      latest.put(cluster.name(), check(cluster));
    }
  }

  /** Probes one cluster now and remembers the result. */
  public ClusterHealth check(ClusterConfig cluster) {
    ClusterHealth health =
        new ClusterHealth(
            probe.probe(child(cluster.livyUrl(), "batches?from=0&size=0")),
            probe.probe(child(cluster.resourceManagerUrl(), "ws/v1/cluster/info")));
    latest.put(cluster.name(), health);
    return health;
  }

  public ClusterHealth health(String cluster) {
    return latest.getOrDefault(cluster, ClusterHealth.UNKNOWN);
  }

  static URI child(URI base, String path) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
  }
}
