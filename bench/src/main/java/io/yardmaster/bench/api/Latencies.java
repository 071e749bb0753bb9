package io.yardmaster.bench.api;

import java.util.Arrays;
import java.util.List;

/**
 * Response times in nanoseconds, kept exactly (a 30 s run at 10,000/s is 300,000 longs, 2.4 MB) and
 * sorted once for the quantiles. One instance per load thread; {@link #merge} at the end.
 */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int count() {
    return size;
  }

  static Latencies merge(List<Latencies> parts) {
    Latencies all = new Latencies();
    int total = parts.stream().mapToInt(Latencies::count).sum();
    all.values = new long[Math.max(1, total)];
    for (Latencies part : parts) {
      System.arraycopy(part.values, 0, all.values, all.size, part.size);
      all.size += part.size;
    }
    Arrays.sort(all.values, 0, all.size);
    return all;
  }

  /** The q-quantile in milliseconds (nearest rank) of a merged, sorted instance. */
  double quantileMillis(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * size);
    return values[Math.min(size, Math.max(1, rank)) - 1] / 1e6;
  }
}
