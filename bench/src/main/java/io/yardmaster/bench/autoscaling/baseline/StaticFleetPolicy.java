package io.yardmaster.bench.autoscaling.baseline;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import java.time.Instant;

/** A fixed fleet: grows to its size if it is smaller, never shrinks. */
public final class StaticFleetPolicy implements ScalingPolicy {
  private final String name;
  private final int nodes;

  public StaticFleetPolicy(String name, int nodes) {
    this.name = requireNonNull(name, "name is null");
    this.nodes = nodes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
    if (snapshot.capacity() < nodes) {
      return ScalingDecision.grow(nodes, "static fleet of " + nodes);
    }
    return ScalingDecision.hold(snapshot.capacity(), "static fleet of " + nodes);
  }
}
