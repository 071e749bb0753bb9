package io.yardmaster.cost.attribution;

import io.yardmaster.core.registry.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The prices of each (SKU, region, priority) over one window, as segments: the price book answers
 * only "the price at an instant", so the window is probed at every minute and each change found is
 * narrowed to its millisecond by bisection. A price row that starts and is superseded within the
 * same minute can be missed (price rows live for days); every other change splits the hour where it
 * happens.
 */
final class PriceTimeline {
  static final long NONE = -1;
  private static final long MINUTE = 60_000;

  private final PriceBook book;
  private final long from;
  private final long to;
  private final Map<Key, Segments> cache = new HashMap<>();

  PriceTimeline(PriceBook book, long from, long to) {
    this.book = book;
    this.from = from;
    this.to = to;
  }

  /** The price segments of the key over [from, to). */
  Segments of(String sku, String region, Priority priority) {
    return cache.computeIfAbsent(new Key(sku, region, priority), this::probe);
  }

  private Segments probe(Key key) {
    List<long[]> segments = new ArrayList<>();
    long current = price(key, from);
    segments.add(new long[] {from, current});
    long at = from;
    while (at < to) {
      long next = Math.min(to - 1, at + MINUTE - Math.floorMod(at, MINUTE));
      if (next <= at) {
        break;
      }
      // every change in (at, next]: the first instant whose price differs, then on from there
      while (price(key, next) != current) {
        long lo = at;
        long hi = next;
        while (hi - lo > 1) {
          long mid = lo + (hi - lo) / 2;
          if (price(key, mid) == current) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        current = price(key, hi);
        segments.add(new long[] {hi, current});
        at = hi;
      }
      at = next;
      if (next == to - 1) {
        break;
      }
    }
    long[] starts = new long[segments.size()];
    long[] prices = new long[segments.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = segments.get(i)[0];
      prices[i] = segments.get(i)[1];
    }
    return new Segments(starts, prices, to);
  }

  private long price(Key key, long at) {
    OptionalLong price =
        book.microsPerHour(key.sku, key.region, key.priority, Instant.ofEpochMilli(at));
    if (price.isEmpty()) {
      return NONE;
    }
    if (price.getAsLong() < 0) {
      throw new IllegalStateException(
          "negative price for "
              + key.sku
              + " in "
              + key.region
              + " at "
              + Instant.ofEpochMilli(at));
    }
    return price.getAsLong();
  }

  /**
   * Segment i runs from {@code starts[i]} to {@code starts[i + 1]} (the last to {@code end}) at
   * {@code microsPerHour[i]} ({@link #NONE}: the price book has no price then).
   */
  record Segments(long[] starts, long[] microsPerHour, long end) {}

  private record Key(String sku, String region, Priority priority) {}
}
