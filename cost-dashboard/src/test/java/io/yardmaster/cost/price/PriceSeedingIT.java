package io.yardmaster.cost.price;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.testing.CostDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost role seeds the configured prices at start, once. */
class PriceSeedingIT {
  @Test
  void theConfiguredPricesAreInTheBookAfterStart() {
    Map<String, Object> database = CostDatabases.h2();
    Map<String, Object> settings =
        Map.of(
            Roles.COST,
            "true",
            "yardmaster.cost.collect.enabled",
            "false",
            "yardmaster.cost.prices",
            List.of(
                Map.of(
                    "sku", "Standard_E8s_v5",
                    "region", "westeurope",
                    "priority", "spot",
                    "dollars-per-hour", "0.1168",
                    "valid-from", "2026-01-01T00:00:00Z")));
    try (ApplicationContext context = CostDatabases.start(database, settings)) {
      List<PriceRow> rows = context.getBean(JdbcPriceBook.class).rows();
      assertThat(rows).hasSize(1);
      PriceRow row = rows.get(0);
      assertThat(row.priority()).isEqualTo(Priority.SPOT);
      assertThat(row.microsPerHour()).isEqualTo(116_800);
      assertThat(row.validFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(row.addedBy()).isEqualTo("config");
    }
  }
}
