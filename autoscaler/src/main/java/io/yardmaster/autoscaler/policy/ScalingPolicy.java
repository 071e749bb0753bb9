package io.yardmaster.autoscaler.policy;

import java.time.Instant;

/**
 * Decides a node pool's next step from what was observed. Pure: no I/O, no clock of its own, no
 * state but what it keeps between calls for cool-downs. The production loop and the replay
 * benchmark call the same implementations, and the benchmark's baselines implement it too.
 */
public interface ScalingPolicy {
  /** A short name for decisions, logs and benchmark tables. */
  String name();

  /**
   * @param snapshot what was read this tick; a pool whose capacity read failed is never passed here
   *     (the loop holds it without calling the policy)
   * @param now the tick's time
   */
  ScalingDecision decide(PoolSnapshot snapshot, Instant now);
}
