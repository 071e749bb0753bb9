package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.web.errors.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range and step of a pool's history, [start, end) on whole steps counted from the epoch
 * (a 5-minute step starts at :00, :05, ...). Parsed from two parameters:
 *
 * <ul>
 *   <li>{@code window}: {@code Nh} or {@code Nd}, the last N hours or N × 24 hours up to the end of
 *       the step that holds now (so the current, partial step is included); or {@code start,end},
 *       two RFC 3339 instants, start taken down and end up to the step. The cost API's {@code
 *       window} spells these the same way; there {@code Nd} counts whole UTC days, here it is
 *       rolling, since ticks are seconds apart and a capacity question is "the last day".
 *   <li>{@code step}: {@code Nm}, {@code Nh} or {@code Nd}, at least a minute (ticks are 30 s apart
 *       by default); by default the shortest of {@value #DEFAULT_STEPS} that gives at most {@value
 *       #DEFAULT_BUCKETS} steps.
 * </ul>
 *
 * A window spans at most {@value #MAX_DAYS} days and {@value #MAX_BUCKETS} steps.
 */
record HistoryWindow(Instant start, Instant end, Duration step) {
  static final int MAX_DAYS = 31;
  static final int MAX_BUCKETS = 2000;
  static final int DEFAULT_BUCKETS = 300;
  static final String DEFAULT_STEPS = "1m, 5m, 15m, 30m, 1h, 3h, 6h, 1d";
  private static final List<Duration> STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofDays(1));
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,3})([hd])");
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

  HistoryWindow {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(step, "step is null");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("an empty window");
    }
  }

  /** The number of steps in the window. */
  long buckets() {
    return Duration.between(start, end).dividedBy(step);
  }

  /** {@code step} as it is spelled in a request: {@code 5m}, {@code 1h}, {@code 1d}. */
  String stepText() {
    long minutes = step.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }

  static HistoryWindow parse(String window, @Nullable String step, Instant now) {
    Matcher duration = WINDOW.matcher(window);
    Duration span = null;
    Instant rangeStart = null;
    Instant rangeEnd = null;
    if (duration.matches()) {
      long count = Long.parseLong(duration.group(1));
      span = duration.group(2).equals("d") ? Duration.ofDays(count) : Duration.ofHours(count);
    } else {
      int comma = window.indexOf(',');
      if (comma < 0 || window.indexOf(',', comma + 1) >= 0) {
        throw invalid(
            "window", "window must be Nh, Nd or 'start,end' in RFC 3339, got '" + window + "'");
      }
      rangeStart = instant(window.substring(0, comma));
      rangeEnd = instant(window.substring(comma + 1));
      if (!rangeStart.isBefore(rangeEnd)) {
        throw invalid("window", "window's start must be before its end");
      }
      span = Duration.between(rangeStart, rangeEnd);
    }
    if (span.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw invalid("window", "window may span at most " + MAX_DAYS + " days");
    }
    Duration chosen = step == null ? defaultStep(span) : step(step);
    Instant end = rangeEnd == null ? ceil(now.plusMillis(1), chosen) : ceil(rangeEnd, chosen);
    Instant start = rangeStart == null ? floor(end.minus(span), chosen) : floor(rangeStart, chosen);
    HistoryWindow parsed = new HistoryWindow(start, end, chosen);
    if (parsed.buckets() > MAX_BUCKETS) {
      throw invalid(
          "step",
          "step "
              + step
              + " makes "
              + parsed.buckets()
              + " steps of the window, at most "
              + MAX_BUCKETS);
    }
    return parsed;
  }

  private static Duration step(String text) {
    Matcher matcher = STEP.matcher(text);
    if (!matcher.matches()) {
      throw invalid("step", "step must be Nm, Nh or Nd (e.g. 5m, 1h), got '" + text + "'");
    }
    long count = Long.parseLong(matcher.group(1));
    Duration step =
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
          case "m" -> Duration.ofMinutes(count);
          case "h" -> Duration.ofHours(count);
          default -> Duration.ofDays(count);
        };
    if (step.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw invalid("step", "step may be at most " + MAX_DAYS + " days, got '" + text + "'");
    }
    return step;
  }

  private static Duration defaultStep(Duration span) {
    for (Duration step : STEPS) {
      if (span.dividedBy(step) < DEFAULT_BUCKETS) {
        return step;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }

  private static Instant instant(String text) {
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      // Ticks are stored as epoch milliseconds: a year far out would overflow them.
      if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LAST)) {
        throw invalid("window", "window's '" + text + "' is outside 1970 to 9999");
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw invalid(
          "window",
          "window's '" + text + "' is not an RFC 3339 instant such as 2026-11-01T00:00:00Z");
    }
  }

  private static Instant floor(Instant instant, Duration step) {
    long millis = step.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
  }

  private static Instant ceil(Instant instant, Duration step) {
    Instant floor = floor(instant, step);
    return floor.equals(instant) ? floor : floor.plus(step);
  }

  private static ApiException invalid(String parameter, String message) {
    return ApiException.invalidParameter(parameter, message);
  }
}
