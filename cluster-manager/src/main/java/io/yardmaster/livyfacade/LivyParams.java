package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The facade's numbers in paths and queries, read strictly: ASCII digits only (Java would take "٣"
 * for 3), within an int, each refusal a 400 naming its parameter. A page larger than {@link
 * #MAX_SIZE} is cut to it rather than refused, as a Livy client asking for "everything" expects.
 */
final class LivyParams {
  static final int MAX_SIZE = 1000;
  static final int DEFAULT_SIZE = 100;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

  private LivyParams() {}

  /** {@code from}, or {@code fallback} when absent. */
  static int from(@Nullable String text, int fallback) {
    return text == null ? fallback : number("from", text);
  }

  /** {@code size}: {@value #DEFAULT_SIZE} when absent, at most {@value #MAX_SIZE}. */
  static int size(@Nullable String text) {
    return text == null ? DEFAULT_SIZE : Math.min(MAX_SIZE, number("size", text));
  }

  /** A batch id; digits beyond an int name no batch (404), anything else is a 400. */
  static int id(String text) {
    if (text.chars().allMatch(c -> c >= '0' && c <= '9') && !text.isEmpty()) {
      if (DIGITS.matcher(text).matches() && Long.parseLong(text) <= Integer.MAX_VALUE) {
        return Integer.parseInt(text);
      }
      throw new ApiException(
          ApiErrorCode.JOB_NOT_FOUND, "Session '" + LivyViews.printable(text) + "' not found.");
    }
    throw invalid("id", text, "a batch id is a whole number");
  }

  private static int number(String name, String text) {
    String value = text.strip();
    if (!DIGITS.matcher(value).matches()) {
      throw invalid(name, text, "a whole number from 0 (ASCII digits only)");
    }
    long parsed = Long.parseLong(value);
    if (parsed > Integer.MAX_VALUE) {
      throw invalid(name, text, "at most " + Integer.MAX_VALUE);
    }
    return (int) parsed;
  }

  private static ApiException invalid(String name, String text, String rule) {
    return new ApiException(
        ApiErrorCode.INVALID_PARAMETER,
        name + ": " + rule + ", not '" + LivyViews.printable(text) + "'",
        List.of(name));
  }
}
