package io.yardmaster.cost.price;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.core.registry.Priority;
import java.time.Instant;

/**
 * One versioned price of a VM-hour: from {@code validFrom} on, until a newer row of the same SKU,
 * region and priority.
 *
 * @param microsPerHour micro-dollars per VM-hour (1 $ = 1,000,000)
 * @param addedBy {@code config} for a row seeded from configuration, else the admin token's id
 */
@Serdeable
@Schema(name = "PriceRow")
public record PriceRow(
    String sku,
    String region,
    Priority priority,
    Instant validFrom,
    long microsPerHour,
    Instant addedAt,
    String addedBy,
    String note) {
  public PriceRow {
    requireNonNull(sku, "sku is null");
    requireNonNull(region, "region is null");
    requireNonNull(priority, "priority is null");
    requireNonNull(validFrom, "validFrom is null");
    requireNonNull(addedAt, "addedAt is null");
    requireNonNull(addedBy, "addedBy is null");
    requireNonNull(note, "note is null");
  }
}
