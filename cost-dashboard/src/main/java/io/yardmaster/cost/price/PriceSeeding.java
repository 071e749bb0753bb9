package io.yardmaster.cost.price;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.yardmaster.core.Roles;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the configured prices ({@code yardmaster.cost.prices}) at start: a row the book already has
 * (same SKU, region, priority and date) is left as it is, so every replica may seed.
 */
@Context
@Requires(property = Roles.COST, notEquals = "false")
public final class PriceSeeding {
  private static final Logger LOG = LoggerFactory.getLogger(PriceSeeding.class);

  private final JdbcPriceBook prices;
  private final Environment environment;
  private final Clock clock;

  public PriceSeeding(JdbcPriceBook prices, Environment environment, Clock clock) {
    this.prices = requireNonNull(prices, "prices is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @PostConstruct
  void seed() {
    int added = 0;
    for (PriceRow row : PriceSeeds.read(environment, clock.instant())) {
      if (prices.add(row)) {
        added++;
      }
    }
    if (added > 0) {
      LOG.info("price book: {} configured rows added", added);
    }
  }
}
