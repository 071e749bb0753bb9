package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;

/**
 * One node pool of a replayed cluster, as its {@code yardmaster.node-pools.<name>} configuration
 * would say it; the cluster's pools are preferred in the order they are listed.
 *
 * @param initialNodes VMs running when the replay starts
 * @param spareNodes the pool's {@code spare-nodes} setting
 */
public record PoolSpec(
    String name, Priority priority, int initialNodes, int minNodes, int maxNodes, int spareNodes) {
  public PoolSpec {
    requireNonNull(name, "name is null");
    requireNonNull(priority, "priority is null");
    if (minNodes < 0 || maxNodes < minNodes || initialNodes < 0 || spareNodes < 0) {
      throw new IllegalArgumentException(
          "bad pool bounds: initial " + initialNodes + ", min " + minNodes + ", max " + maxNodes);
    }
  }

  /** An on-demand pool without spare nodes. */
  public static PoolSpec onDemand(String name, int initialNodes, int minNodes, int maxNodes) {
    return new PoolSpec(name, Priority.ON_DEMAND, initialNodes, minNodes, maxNodes, 0);
  }
}
