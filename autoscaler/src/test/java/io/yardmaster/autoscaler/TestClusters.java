package io.yardmaster.autoscaler;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.ClusterConfig;
import java.net.URI;
import java.util.List;

/** Cluster configs for tests: the peers' URLs (and Graphite paths) set, every limit its default. */
public final class TestClusters {
  private TestClusters() {}

  public static ClusterConfig cluster(String name, URI livyUrl, URI resourceManagerUrl) {
    return withGraphite(name, livyUrl, resourceManagerUrl, null, null);
  }

  public static ClusterConfig withGraphite(
      String name,
      URI livyUrl,
      URI resourceManagerUrl,
      @Nullable String graphitePrefix,
      @Nullable String graphiteQueue) {
    return new ClusterConfig(
        name,
        livyUrl,
        resourceManagerUrl,
        graphitePrefix,
        graphiteQueue,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }
}
