package io.yardmaster.core.registry;

import io.micronaut.context.annotation.Context;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The clusters and node pools of the fleet, from configuration. Created at start-up ({@link
 * Context}) so that bad configuration stops the application with a message naming the key.
 */
@Context
public final class ClusterRegistry {
  private final Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
  private final List<NodePoolConfig> pools;

  public ClusterRegistry(List<ClusterConfig> clusters, List<NodePoolConfig> pools) {
    clusters.stream()
        .sorted(Comparator.comparing(ClusterConfig::name))
        .forEach(cluster -> this.clusters.put(cluster.name(), cluster));
    Set<String> scaleSets = new HashSet<>();
    for (NodePoolConfig pool : pools) {
      String key = NodePoolConfig.PREFIX + "." + pool.name() + ".";
      if (!this.clusters.containsKey(pool.cluster())) {
        throw new InvalidConfigurationException(
            key
                + "cluster names '"
                + pool.cluster()
                + "', which is not one of "
                + ClusterConfig.PREFIX
                + " "
                + this.clusters.keySet());
      }
      if (!scaleSets.add(pool.scaleSetId().toLowerCase(Locale.ROOT))) {
        throw new InvalidConfigurationException(
            key + "scale-set-id " + pool.scaleSetId() + " is used by another node pool");
      }
    }
    this.pools =
        pools.stream()
            .sorted(
                Comparator.comparing(NodePoolConfig::cluster)
                    .thenComparing(NodePoolConfig::preference)
                    .thenComparing(NodePoolConfig::name))
            .toList();
  }

  public List<ClusterConfig> clusters() {
    return List.copyOf(clusters.values());
  }

  public Optional<ClusterConfig> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public List<NodePoolConfig> pools() {
    return pools;
  }

  /** A cluster's pools in preference order (lower preference value first). */
  public List<NodePoolConfig> poolsOf(String cluster) {
    return pools.stream().filter(pool -> pool.cluster().equals(cluster)).toList();
  }

  public Optional<NodePoolConfig> pool(String name) {
    return pools.stream().filter(pool -> pool.name().equals(name)).findFirst();
  }
}
