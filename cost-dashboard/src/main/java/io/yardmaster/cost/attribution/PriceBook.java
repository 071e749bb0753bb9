package io.yardmaster.cost.attribution;

import io.yardmaster.core.registry.Priority;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Versioned prices: the row valid at an instant is the newest whose valid-from is not after it, so
 * a new price applies from its date and never rewrites the past.
 */
public interface PriceBook {

  /** Micro-dollars per VM-hour of a SKU in a region at a priority, at an instant; empty if none. */
  OptionalLong microsPerHour(String sku, String region, Priority priority, Instant at);
}
