package io.yardmaster.autoscaler.demand;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.Demand;

/**
 * A demand read and how it was obtained.
 *
 * @param note why it is stale or missing, where it came from, any disagreement: for the decision
 */
public record DemandReading(Demand demand, String note) {
  public DemandReading {
    requireNonNull(demand, "demand is null");
    requireNonNull(note, "note is null");
  }
}
