package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of {@link YardmasterScalingPolicy}. The defaults are reasoned from the platform, not
 * fitted to a trace (docs/benchmarks.md, "Autoscaler replay").
 *
 * @param idleGrace how long a node must have been free before it is removed. Keeping an idle node
 *     for as long as a replacement takes to boot costs at most what booting that replacement would
 *     (the ski-rental break-even, which is 2-competitive), and demand returning within that window
 *     is served at once instead of after a boot: the default is Azure's typical VM boot-to-
 *     NodeManager time, 4 minutes
 * @param scaleInDelayAfterGrow no scale-in for this long after a scale-up: a driver that just
 *     started asks for its executors one scheduler round later and Graphite shows them up to three
 *     10 s periods late, so a node that looks free right after a grow may be wanted; 2 minutes
 *     covers that lag plus a 30 s tick with margin
 * @param maxRemovalShare at most this share of the pool's registered nodes is removed in one
 *     decision: bounds the damage of a wrong read (cluster-autoscaler #3240) while a genuine drop
 *     still drains geometrically, tick after tick
 * @param executorShare the share of the pending and announced executors that new nodes are bought
 *     for; application masters always count in full, since a job without its driver makes no
 *     progress. 1, the default, grows for all of them at once. Below 1 the fleet runs short of
 *     executors on purpose: Spark jobs start with the executors they get and take the rest as
 *     running jobs free room, so VMs are started less often and stay busy for longer, at the price
 *     of queueing delay (the "cost mode" of docs/benchmarks.md). When YARN shows only aggregates
 *     (no shapes) the share applies to all pending resources
 */
public record YardmasterPolicyConfig(
    Duration idleGrace,
    Duration scaleInDelayAfterGrow,
    double maxRemovalShare,
    double executorShare) {
  public static final YardmasterPolicyConfig DEFAULTS =
      new YardmasterPolicyConfig(Duration.ofMinutes(4), Duration.ofMinutes(2), 0.5, 1.0);

  public YardmasterPolicyConfig {
    requireNonNull(idleGrace, "idleGrace is null");
    requireNonNull(scaleInDelayAfterGrow, "scaleInDelayAfterGrow is null");
    if (idleGrace.isNegative() || scaleInDelayAfterGrow.isNegative()) {
      throw new IllegalArgumentException(
          "idleGrace and scaleInDelayAfterGrow must not be negative");
    }
    if (!(maxRemovalShare > 0) || maxRemovalShare > 1) {
      throw new IllegalArgumentException(
          "maxRemovalShare must be in (0, 1], got " + maxRemovalShare);
    }
    if (!(executorShare > 0) || executorShare > 1) {
      throw new IllegalArgumentException("executorShare must be in (0, 1], got " + executorShare);
    }
  }
}
