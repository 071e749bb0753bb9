package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.util.function.Function;

/** Test helpers other test packages use with {@link SimulatedFleetFixture}. */
public final class LoopFixtures {
  private LoopFixtures() {}

  public static ScalingPolicy policy(Function<PoolSnapshot, ScalingDecision> rule) {
    return TestPolicy.scripted(rule);
  }
}
