package io.yardmaster.simulator.graphite;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Graphite's {@code from} / {@code until}: {@code now}, epoch seconds or {@code -5min} etc. */
final class GraphiteTime {
  private static final Pattern RELATIVE = Pattern.compile("-(\\d+)([a-z]+)");

  private GraphiteTime() {}

  /** Epoch seconds. */
  static long parse(String value, long nowSeconds) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("now")) {
      return nowSeconds;
    }
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      return Long.parseLong(text);
    }
    Matcher matcher = RELATIVE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Invalid time offset '" + value + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    long unit =
        switch (matcher.group(2)) {
          case "s", "sec", "secs", "second", "seconds" -> 1;
          case "min", "mins", "minute", "minutes" -> 60;
          case "h", "hour", "hours" -> 3600;
          case "d", "day", "days" -> 86400;
          case "w", "week", "weeks" -> 7 * 86400;
          default -> throw new IllegalArgumentException("Invalid offset unit '" + value + "'");
        };
    return nowSeconds - amount * unit;
  }
}
