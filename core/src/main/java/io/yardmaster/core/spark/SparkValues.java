package io.yardmaster.core.spark;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses conf values exactly as Spark 3.5 does, so that what Yardmaster counts is what will run.
 * Sizes follow {@code JavaUtils.byteStringAs}: trimmed, case-insensitive, an integer with an
 * optional unit b, k(b), m(b), g(b), t(b), p(b), binary (1k = 1024); fractions are refused.
 * Integers follow Scala's {@code toInt} ({@link Integer#parseInt}: no spaces), booleans its {@code
 * toBoolean} ("true" or "false" in any case, nothing else).
 */
public final class SparkValues {
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([a-z]+)?");

  private SparkValues() {}

  /** A size in MiB, where a number without a unit is in {@code defaultUnit}; empty if invalid. */
  public static OptionalLong mebibytes(String text, Unit defaultUnit) {
    OptionalLong bytes = bytes(text, defaultUnit);
    return bytes.isPresent() ? OptionalLong.of(bytes.getAsLong() >> 20) : bytes;
  }

  /** A size in bytes, where a number without a unit is in {@code defaultUnit}; empty if invalid. */
  public static OptionalLong bytes(String text, Unit defaultUnit) {
    if (text == null) {
      return OptionalLong.empty();
    }
    Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT).trim());
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    Optional<Unit> unit =
        matcher.group(2) == null ? Optional.of(defaultUnit) : Unit.of(matcher.group(2));
    if (unit.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(
          Math.multiplyExact(Long.parseLong(matcher.group(1)), unit.get().bytes));
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** An int as Spark's {@code toInt} reads it, or empty. */
  public static Optional<Integer> integer(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A boolean as Spark's {@code toBoolean} reads it, or empty. */
  public static Optional<Boolean> bool(String text) {
    if ("true".equalsIgnoreCase(text)) {
      return Optional.of(true);
    }
    if ("false".equalsIgnoreCase(text)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** A double as Spark's {@code toDouble} reads it, or empty. */
  public static Optional<Double> decimal(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** Spark's byte units. */
  public enum Unit {
    BYTE(1L),
    KIB(1L << 10),
    MIB(1L << 20),
    GIB(1L << 30),
    TIB(1L << 40),
    PIB(1L << 50);

    private final long bytes;

    Unit(long bytes) {
      this.bytes = bytes;
    }

    static Optional<Unit> of(String suffix) {
      return switch (suffix) {
        case "b" -> Optional.of(BYTE);
        case "k", "kb" -> Optional.of(KIB);
        case "m", "mb" -> Optional.of(MIB);
        case "g", "gb" -> Optional.of(GIB);
        case "t", "tb" -> Optional.of(TIB);
        case "p", "pb" -> Optional.of(PIB);
        default -> Optional.empty();
      };
    }
  }
}
