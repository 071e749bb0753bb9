package io.yardmaster.cost.price;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The price rows configured under {@code yardmaster.cost.prices}, a list of {@code {sku, region,
 * priority, dollars-per-hour, valid-from, note}}; each is added once (rows are never rewritten).
 */
public final class PriceSeeds {
  public static final String KEY = "yardmaster.cost.prices";

  private PriceSeeds() {}

  /** The configured rows, checked; a bad one stops the start naming its key. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static List<PriceRow> read(Environment environment, Instant now) {
    List<Map> entries = environment.getProperty(KEY, Argument.listOf(Map.class)).orElse(List.of());
    List<PriceRow> rows = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = entries.get(i);
      try {
        Object dollars = first(entry, "dollars-per-hour", "dollarsPerHour");
        rows.add(
            PriceInput.row(
                text(first(entry, "sku")),
                text(first(entry, "region")),
                text(first(entry, "priority")),
                dollars == null ? null : new BigDecimal(dollars.toString().trim()),
                text(first(entry, "valid-from", "validFrom")),
                text(first(entry, "note")),
                now,
                "config"));
      } catch (PriceInput.Invalid e) {
        throw new InvalidConfigurationException(KEY + "[" + i + "]: " + e.getMessage());
      } catch (NumberFormatException e) {
        throw new InvalidConfigurationException(
            KEY + "[" + i + "].dollars-per-hour must be a decimal number");
      }
    }
    return rows;
  }

  private static Object first(Map<String, Object> entry, String... keys) {
    requireNonNull(entry, "entry is null");
    for (String key : keys) {
      if (entry.get(key) != null) {
        return entry.get(key);
      }
    }
    return null;
  }

  private static String text(Object value) {
    if (value instanceof java.util.Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof java.time.temporal.TemporalAccessor time) {
      try {
        return Instant.from(time).toString();
      } catch (java.time.DateTimeException e) {
        return time.toString();
      }
    }
    return value == null ? null : value.toString();
  }
}
