package io.yardmaster.cost.price;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A price as written in a request or in configuration, checked field by field: each failure names
 * its field ({@link Invalid#field()}).
 */
final class PriceInput {
  static final BigDecimal MAX_DOLLARS_PER_HOUR = new BigDecimal("10000");
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

  private PriceInput() {}

  /** A field that does not hold a valid value. */
  static final class Invalid extends IllegalArgumentException {
    private final String field;

    Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  static PriceRow row(
      @Nullable String sku,
      @Nullable String region,
      @Nullable String priority,
      @Nullable BigDecimal dollarsPerHour,
      @Nullable String validFrom,
      @Nullable String note,
      Instant addedAt,
      String addedBy) {
    return new PriceRow(
        match("sku", sku, SKU, "a VM size such as Standard_E8s_v5"),
        match("region", region, REGION, "an Azure region such as westeurope"),
        priority(priority),
        instant(validFrom),
        micros(dollarsPerHour),
        addedAt,
        addedBy,
        note == null ? "" : bounded("note", note, 500));
  }

  private static String match(String field, @Nullable String value, Pattern pattern, String what) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field, field + " is required: " + what);
    }
    if (!pattern.matcher(value).matches()) {
      throw new Invalid(
          field, field + " must be " + what + " (" + pattern + "), got '" + cut(value) + "'");
    }
    return value;
  }

  private static Priority priority(@Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new Invalid("priority", "priority is required: on-demand or spot");
    }
    String normalised = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (normalised) {
      case "on-demand" -> Priority.ON_DEMAND;
      case "spot" -> Priority.SPOT;
      default ->
          throw new Invalid(
              "priority", "priority must be on-demand or spot, got '" + cut(value) + "'");
    };
  }

  private static Instant instant(@Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new Invalid("validFrom", "validFrom is required: an ISO-8601 instant");
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      // YAML reads an unquoted date-time as a timestamp, written back without zero seconds.
      try {
        return java.time.OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException ignored) {
        // Named below.
      }
      throw new Invalid(
          "validFrom",
          "validFrom must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got '"
              + cut(value)
              + "'");
    }
  }

  /** Dollars per hour as exact micro-dollars: at most 6 decimals, 0 to 10,000 $/h. */
  static long micros(@Nullable BigDecimal dollars) {
    if (dollars == null) {
      throw new Invalid("dollarsPerHour", "dollarsPerHour is required, e.g. 0.504");
    }
    if (dollars.signum() < 0 || dollars.compareTo(MAX_DOLLARS_PER_HOUR) > 0) {
      throw new Invalid(
          "dollarsPerHour", "dollarsPerHour must be between 0 and 10000, got " + dollars);
    }
    BigDecimal micros = dollars.movePointRight(6);
    if (micros.stripTrailingZeros().scale() > 0) {
      throw new Invalid(
          "dollarsPerHour",
          "dollarsPerHour has at most 6 decimals (micro-dollars), got " + dollars.toPlainString());
    }
    return micros.longValueExact();
  }

  private static String bounded(String field, String value, int max) {
    if (value.length() > max) {
      throw new Invalid(field, field + " must be at most " + max + " characters");
    }
    return value;
  }

  private static String cut(String value) {
    return value.length() <= 80 ? value : value.substring(0, 79) + "…";
  }
}
