package io.yardmaster.testing;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.ClusterConfig;
import java.net.URI;
import java.util.List;

/**
 * Cluster configs for unit tests: Livy at {@code http://livy-<name>:8998}, the RM at {@code
 * http://rm-<name>:8088}, and every setting a test does not name at its default.
 */
public final class TestClusters {
  private TestClusters() {}

  public static ClusterConfig named(String name) {
    return of(name, null, List.of(), null, null, null, null, null);
  }

  /** With its caps on batches starting and jobs running. */
  public static ClusterConfig capped(String name, int maxStarting, int maxRunning) {
    return of(name, null, List.of(), maxStarting, maxRunning, null, null, null);
  }

  /** With its Spark version, routing tags and queues. */
  public static ClusterConfig routed(
      String name, String sparkVersion, List<String> tags, List<String> queues) {
    return of(name, sparkVersion, tags, null, null, null, null, queues);
  }

  /** With the operator's Spark conf ({@code key=value} entries): defaults, and enforced values. */
  public static ClusterConfig withConf(String name, List<String> defaults, List<String> enforced) {
    return of(name, null, List.of(), null, null, defaults, enforced, null);
  }

  private static ClusterConfig of(
      String name,
      @Nullable String sparkVersion,
      List<String> tags,
      @Nullable Integer maxStarting,
      @Nullable Integer maxRunning,
      @Nullable List<String> defaults,
      @Nullable List<String> enforced,
      @Nullable List<String> queues) {
    return new ClusterConfig(
        name,
        URI.create("http://livy-" + name + ":8998"),
        URI.create("http://rm-" + name + ":8088"),
        null,
        null,
        sparkVersion,
        tags,
        maxStarting,
        maxRunning,
        defaults,
        enforced,
        queues);
  }
}
