package io.yardmaster.jobs.policy;

import io.yardmaster.core.registry.NodePoolConfig;
import java.util.List;

/**
 * What a cluster can ever hold: its node pools at their maximum size. Without configured pools (a
 * cluster Yardmaster does not scale) nothing bounds it.
 */
public record ClusterCapacity(List<NodePoolConfig> pools) {
  /** More than any cluster holds; still safe to add and multiply a little. */
  public static final long UNBOUNDED = Long.MAX_VALUE / 8;

  public ClusterCapacity {
    pools = List.copyOf(pools);
  }

  /** How many containers of this shape fit on every node of every pool at once. */
  public long maxContainers(int vcores, long memoryMb) {
    if (pools.isEmpty()) {
      return UNBOUNDED;
    }
    long total = 0;
    for (NodePoolConfig pool : pools) {
      long byCores = vcores <= 0 ? Long.MAX_VALUE : pool.sku().nodeManagerVcores() / vcores;
      long byMemory = memoryMb <= 0 ? Long.MAX_VALUE : pool.sku().nodeManagerMemoryMb() / memoryMb;
      total += (long) pool.maxNodes() * Math.min(byCores, byMemory);
    }
    return total;
  }

  /** The largest container a node of this cluster offers, in cores and MiB. */
  public long largestNodeMemoryMb() {
    return pools.stream().mapToLong(p -> p.sku().nodeManagerMemoryMb()).max().orElse(UNBOUNDED);
  }

  public int largestNodeVcores() {
    return pools.stream()
        .mapToInt(p -> p.sku().nodeManagerVcores())
        .max()
        .orElse(Integer.MAX_VALUE);
  }

  /** Every core of every node at the pools' maximum. */
  public long totalVcores() {
    return pools.isEmpty()
        ? UNBOUNDED
        : pools.stream().mapToLong(p -> (long) p.maxNodes() * p.sku().nodeManagerVcores()).sum();
  }
}
