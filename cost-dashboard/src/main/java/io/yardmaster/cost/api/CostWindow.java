package io.yardmaster.cost.api;

import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range of a query, [start, end) on whole UTC hours (the grain of {@code
 * cost_allocation}). Parsed from the {@code window} parameter, in the style of OpenCost's:
 *
 * <ul>
 *   <li>{@code Nh}: the last N hours, the current (partial) hour included;
 *   <li>{@code Nd}: the last N UTC days, today (so far) included, from midnight N-1 days ago;
 *   <li>{@code today}, {@code yesterday}, {@code week} (since Monday), {@code lastweek}, {@code
 *       month} (since the 1st), {@code lastmonth};
 *   <li>{@code start,end}: two RFC 3339 instants, e.g. {@code
 *       2026-11-01T00:00:00Z,2026-12-01T00:00:00Z}; start is taken down and end up to the hour.
 * </ul>
 *
 * At most {@value #MAX_DAYS} days.
 */
public record CostWindow(Instant start, Instant end) {
  static final int MAX_DAYS = 366;
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,3})([hd])");

  public CostWindow {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("an empty window");
    }
  }

  static CostWindow parse(String text, Clock clock) {
    Instant now = clock.instant();
    Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Matcher duration = DURATION.matcher(text);
    if (duration.matches()) {
      int count = Integer.parseInt(duration.group(1));
      boolean days = duration.group(2).equals("d");
      if (days ? count > MAX_DAYS : count > MAX_DAYS * 24) {
        throw tooLong();
      }
      Instant start =
          days ? midnight(today.minusDays(count - 1L)) : nextHour.minus(Duration.ofHours(count));
      return new CostWindow(start, nextHour);
    }
    return switch (text) {
      case "today" -> new CostWindow(midnight(today), nextHour);
      case "yesterday" -> new CostWindow(midnight(today.minusDays(1)), midnight(today));
      case "week" -> new CostWindow(midnight(monday(today)), nextHour);
      case "lastweek" ->
          new CostWindow(midnight(monday(today).minusWeeks(1)), midnight(monday(today)));
      case "month" -> new CostWindow(midnight(today.withDayOfMonth(1)), nextHour);
      case "lastmonth" ->
          new CostWindow(
              midnight(today.withDayOfMonth(1).minusMonths(1)), midnight(today.withDayOfMonth(1)));
      default -> range(text);
    };
  }

  private static CostWindow range(String text) {
    int comma = text.indexOf(',');
    if (comma < 0 || text.indexOf(',', comma + 1) >= 0) {
      throw invalid(
          "window must be Nh, Nd, today, yesterday, week, lastweek, month, lastmonth or"
              + " 'start,end' in RFC 3339, got '"
              + text
              + "'");
    }
    Instant start = instant(text.substring(0, comma)).truncatedTo(ChronoUnit.HOURS);
    Instant end = ceilHour(instant(text.substring(comma + 1)));
    if (!start.isBefore(end)) {
      throw invalid("window's start must be before its end");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw tooLong();
    }
    return new CostWindow(start, end);
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          "window's '" + text + "' is not an RFC 3339 instant such as 2026-11-01T00:00:00Z");
    }
  }

  private static Instant ceilHour(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(instant) ? floor : floor.plus(Duration.ofHours(1));
  }

  private static LocalDate monday(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static ApiException tooLong() {
    return invalid("window may span at most " + MAX_DAYS + " days");
  }

  private static ApiException invalid(String message) {
    return ApiException.invalidParameter("window", message);
  }

  long startMillis() {
    return start.toEpochMilli();
  }

  long endMillis() {
    return end.toEpochMilli();
  }
}
