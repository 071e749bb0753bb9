package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Sku;
import java.util.List;

/**
 * Everything a policy sees about one node pool at one tick.
 *
 * @param capacity the scale set's capacity as actually read this tick (never a guess)
 * @param bootingVms VMs created but not yet registered as NodeManagers
 * @param nodes the pool's registered NodeManagers
 * @param demand the cluster's unmet demand (shared by the cluster's pools, see {@code
 *     preferenceRank})
 * @param preferenceRank 0 for the cluster's most preferred pool; a pool with rank r should only
 *     serve demand the pools before it cannot (they are at max or backed off)
 * @param preferredPoolsExhausted every pool ranked before this one is at its max or backed off, so
 *     this pool may grow for the demand (ignored for rank 0)
 * @param spareNodes free nodes to keep ready beyond demand (within max)
 */
public record PoolSnapshot(
    String pool,
    String cluster,
    Sku sku,
    boolean spot,
    int minNodes,
    int maxNodes,
    int capacity,
    int bootingVms,
    List<NodeView> nodes,
    Demand demand,
    int preferenceRank,
    boolean preferredPoolsExhausted,
    int spareNodes) {
  public PoolSnapshot {
    requireNonNull(pool, "pool is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(sku, "sku is null");
    requireNonNull(demand, "demand is null");
    nodes = List.copyOf(nodes);
    if (spareNodes < 0) {
      throw new IllegalArgumentException("spareNodes is negative: " + spareNodes);
    }
  }

  /**
   * A snapshot where pools ranked before this one (if any) can still grow themselves, without spare
   * nodes.
   */
  public PoolSnapshot(
      String pool,
      String cluster,
      Sku sku,
      boolean spot,
      int minNodes,
      int maxNodes,
      int capacity,
      int bootingVms,
      List<NodeView> nodes,
      Demand demand,
      int preferenceRank) {
    this(
        pool,
        cluster,
        sku,
        spot,
        minNodes,
        maxNodes,
        capacity,
        bootingVms,
        nodes,
        demand,
        preferenceRank,
        false,
        0);
  }
}
