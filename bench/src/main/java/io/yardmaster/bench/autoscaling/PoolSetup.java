package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Duration;

/**
 * One policy's run: the policy, the pool it starts with and its bounds, and how long a node it
 * decommissions may drain before its VM is deleted anyway (killing what still runs there).
 *
 * @param drainTimeout {@link #WAIT_FOR_EMPTY} waits until the node is empty, however long
 * @param spareNodes the pool's {@code spare-nodes} setting, as the policy sees it
 */
public record PoolSetup(
    ScalingPolicy policy,
    int initialNodes,
    int minNodes,
    int maxNodes,
    Duration drainTimeout,
    int spareNodes) {
  /** Graceful decommission without a timeout: a VM is deleted only once its node is empty. */
  public static final Duration WAIT_FOR_EMPTY = Duration.ofDays(365);

  public PoolSetup {
    requireNonNull(policy, "policy is null");
    requireNonNull(drainTimeout, "drainTimeout is null");
    if (minNodes < 0 || maxNodes < minNodes || initialNodes < 0 || spareNodes < 0) {
      throw new IllegalArgumentException(
          "bad pool bounds: initial " + initialNodes + ", min " + minNodes + ", max " + maxNodes);
    }
  }

  /** A pool without spare nodes. */
  public PoolSetup(
      ScalingPolicy policy, int initialNodes, int minNodes, int maxNodes, Duration drainTimeout) {
    this(policy, initialNodes, minNodes, maxNodes, drainTimeout, 0);
  }
}
