package io.yardmaster.autoscaler.demand;

import io.yardmaster.core.registry.ClusterConfig;
import java.time.Instant;

/** Where a cluster's unmet demand is read from. Never throws: a failed read is missing demand. */
public interface DemandSource {
  DemandReading read(ClusterConfig cluster, Instant now);
}
