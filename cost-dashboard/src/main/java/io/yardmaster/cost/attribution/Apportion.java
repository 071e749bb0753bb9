package io.yardmaster.cost.attribution;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact integer arithmetic for money: {@code floor(a × b / c)} without overflow, and the
 * largest-remainder split of a total in proportion to weights, so the parts add up to the total
 * exactly. No doubles anywhere: a ratio is a pair of longs.
 */
final class Apportion {
  private Apportion() {}

  /** {@code floor(a × b / c)} for {@code a, b ≥ 0} and {@code c > 0}. */
  static long mulDiv(long a, long b, long c) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      return low / c;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }

  /** {@code min(floor(a × b / c), max)} for {@code a, b ≥ 0} and {@code c > 0}. */
  static long mulDivAtMost(long a, long b, long c, long max) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      return Math.min(low / c, max);
    }
    BigInteger exact =
        BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
    return exact.min(BigInteger.valueOf(max)).longValueExact();
  }

  /** {@code a × b / c} rounded half up, for {@code a, b ≥ 0} and {@code c > 0}. */
  static long mulDivRound(long a, long b, long c) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0 && low <= Long.MAX_VALUE - c / 2) {
      return (low + c / 2) / c;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .add(BigInteger.valueOf(c / 2))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }

  /**
   * Splits {@code total ≥ 0} in proportion to {@code weights ≥ 0}: each part is the floor of its
   * exact share, and the micro-dollars the floors leave go one each to the largest remainders (ties
   * to the lower index, so the result depends on the order alone). The parts add up to {@code
   * total} exactly; all zero when every weight is zero.
   */
  static long[] split(long total, long[] weights) {
    int n = weights.length;
    long[] parts = new long[n];
    long sum = 0;
    for (long weight : weights) {
      if (weight < 0) {
        throw new IllegalArgumentException("negative weight " + weight);
      }
      sum = Math.addExact(sum, weight);
    }
    if (sum == 0 || total == 0) {
      return parts;
    }
    long[] remainders = new long[n];
    long given = 0;
    BigInteger bigSum = null;
    for (int i = 0; i < n; i++) {
      long high = Math.multiplyHigh(total, weights[i]);
      long low = total * weights[i];
      if (high == 0 && low >= 0) {
        parts[i] = low / sum;
        remainders[i] = low % sum;
      } else {
        if (bigSum == null) {
          bigSum = BigInteger.valueOf(sum);
        }
        BigInteger[] qr =
            BigInteger.valueOf(total)
                .multiply(BigInteger.valueOf(weights[i]))
                .divideAndRemainder(bigSum);
        parts[i] = qr[0].longValueExact();
        remainders[i] = qr[1].longValueExact();
      }
      given += parts[i];
    }
    long left = total - given;
    if (left > 0) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (x, y) -> {
            int byRemainder = Long.compare(remainders[y], remainders[x]);
            return byRemainder != 0 ? byRemainder : Integer.compare(x, y);
          });
      for (int k = 0; k < left; k++) {
        parts[order[k]]++;
      }
    }
    return parts;
  }
}
