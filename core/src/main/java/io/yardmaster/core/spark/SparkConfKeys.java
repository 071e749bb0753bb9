package io.yardmaster.core.spark;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of a Spark conf key and value as Yardmaster accepts them. A key is ASCII letters,
 * digits and {@code . _ - /}, starting with a letter: no {@code =} (spark-submit splits {@code
 * --conf k=v} at the first one, so {@code spark.master=local} would set {@code spark.master}), no
 * spaces, no control or invisible characters. A value holds no control characters but tab.
 */
public final class SparkConfKeys {
  public static final int MAX_KEY = 200;
  public static final int MAX_VALUE = 4096;
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]{0,199}");

  private SparkConfKeys() {}

  /** Why {@code key} is not a Spark conf key, or empty when it is one. */
  public static Optional<String> keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("a conf key may not be empty");
    }
    if (key.length() > MAX_KEY) {
      return Optional.of("a conf key has at most " + MAX_KEY + " characters");
    }
    if (!KEY.matcher(key).matches() || key.contains("..") || key.endsWith(".")) {
      return Optional.of(
          "a conf key is ASCII letters, digits and . _ - / (no '=', spaces or control"
              + " characters), starting with a letter");
    }
    return Optional.empty();
  }

  /** Why {@code value} cannot be a Spark conf value, or empty when it can. */
  public static Optional<String> valueProblem(String value) {
    if (value == null) {
      return Optional.of("a conf value must be a string, not null");
    }
    if (value.length() > MAX_VALUE) {
      return Optional.of("a conf value has at most " + MAX_VALUE + " characters");
    }
    if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
      return Optional.of("a conf value may not hold control characters");
    }
    return Optional.empty();
  }
}
