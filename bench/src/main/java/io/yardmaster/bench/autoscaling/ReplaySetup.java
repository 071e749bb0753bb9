package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.util.List;

/**
 * One row of the replay table: the policy the shipped loop runs, the cluster's pools in preference
 * order, and how often the spot market takes a running spot VM back.
 *
 * @param policy the policy of this setup alone: policies remember each pool by name, so one
 *     instance shared by two replays (even one after the other) mixes their pools' histories
 * @param label the row's name in the table
 * @param spotEvictionsPerVmHour the chance per hour that a running spot VM is evicted (0: never)
 */
public record ReplaySetup(
    String label, ScalingPolicy policy, List<PoolSpec> pools, double spotEvictionsPerVmHour) {
  public ReplaySetup {
    requireNonNull(label, "label is null");
    requireNonNull(policy, "policy is null");
    pools = List.copyOf(pools);
    if (pools.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one pool");
    }
    if (spotEvictionsPerVmHour < 0 || spotEvictionsPerVmHour > 1) {
      throw new IllegalArgumentException(
          "spot evictions per VM-hour must be within 0..1, got " + spotEvictionsPerVmHour);
    }
  }

  /** The policy on one on-demand pool, named after the policy. */
  public static ReplaySetup onePool(ScalingPolicy policy, PoolSpec pool) {
    return new ReplaySetup(policy.name(), policy, List.of(pool), 0);
  }
}
