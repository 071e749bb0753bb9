package io.yardmaster.simulator.model;

import java.time.Instant;

/**
 * Called by {@link Replay} after every tick of simulated time, with the model at {@code now}: the
 * place to plug in an autoscaler policy (it may resize the fleet's scale sets, decommission nodes).
 */
@FunctionalInterface
public interface ReplayHook {
  ReplayHook NONE = (fleet, now) -> {};

  void onTick(Fleet fleet, Instant now);
}
