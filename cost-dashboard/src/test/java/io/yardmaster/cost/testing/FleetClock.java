package io.yardmaster.cost.testing;

import io.yardmaster.simulator.model.Fleet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulated fleet's time as a {@link Clock}: what collection reads on the embedded default. */
public final class FleetClock extends Clock {
  private final Fleet fleet;

  public FleetClock(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return fleet.now();
  }
}
