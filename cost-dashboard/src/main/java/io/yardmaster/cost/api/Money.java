package io.yardmaster.cost.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Micro-dollars written as dollars with six decimals, and the other exact decimals of answers. */
final class Money {
  private Money() {}

  /** {@code 12345678} as {@code "12.345678"}; exact, no floating point on the way. */
  static String dollars(long micros) {
    return BigDecimal.valueOf(micros, 6).toPlainString();
  }

  /** {@code numerator / denominator} to {@code scale} decimals, half-up. */
  static String ratio(long numerator, long denominator, int scale) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
