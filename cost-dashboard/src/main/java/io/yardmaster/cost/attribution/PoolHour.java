package io.yardmaster.cost.attribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One node pool in one hour: its bill and its capacity. A VM is billed per second from its
 * creation, each started second rounded up (as Azure and the simulator's {@code VmLifetime} bill);
 * a billed second belongs to the hour it starts in and costs the price valid when it starts.
 * Capacity is vcores × billed seconds and memory MB × billed seconds.
 */
final class PoolHour {
  final String pool;
  long billNumerator; // Σ billed seconds × micro-dollars per hour; the bill is this / 3600
  long vcoreSeconds;
  long memoryMbSeconds;
  boolean grew;
  boolean shrank;
  // each billed VM's [from, to) inside the hour, with its vcores and memory, for spreading apps
  final List<long[]> spans = new ArrayList<>();

  PoolHour(String pool) {
    this.pool = pool;
  }

  /** The pool-hour's bill in micro-dollars: Σ seconds × price, rounded half up once. */
  long billMicros() {
    return Apportion.mulDivRound(billNumerator, 1, 3600);
  }

  /**
   * Adds one VM's billed seconds in [hourStart, end) (end: the hour's end, or the time of
   * attribution if sooner), each at its price.
   */
  void bill(VmSpan vm, long hourStart, long end, long asOf, PriceTimeline prices) {
    long start = vm.start().toEpochMilli();
    long stop = vm.end() == null ? asOf : Math.min(vm.end().toEpochMilli(), asOf);
    long seconds = ceilDiv(Math.max(0, stop - start), 1000);
    long billedEnd = start + seconds * 1000;
    long from = Math.max(start, hourStart);
    long to = Math.min(billedEnd, end);
    if (to <= from) {
      return;
    }
    PriceTimeline.Segments segments = prices.of(vm.sku(), vm.region(), vm.priority());
    long total = 0;
    long[] starts = segments.starts();
    for (int i = 0; i < starts.length; i++) {
      long segmentFrom = Math.max(starts[i], from);
      long segmentTo = Math.min(i + 1 < starts.length ? starts[i + 1] : segments.end(), to);
      long count = secondsStartingIn(start, seconds, segmentFrom, segmentTo);
      if (count == 0) {
        continue;
      }
      long price = segments.microsPerHour()[i];
      if (price == PriceTimeline.NONE) {
        throw new IllegalStateException(
            "no price for "
                + vm.sku()
                + " in "
                + vm.region()
                + " ("
                + vm.priority().wireName()
                + ") at "
                + Instant.ofEpochMilli(segmentFrom)
                + ", VM "
                + vm.vmId()
                + " of pool "
                + pool);
      }
      billNumerator = Math.addExact(billNumerator, Math.multiplyExact(count, price));
      total += count;
    }
    if (total == 0) {
      return;
    }
    vcoreSeconds = Math.addExact(vcoreSeconds, Math.multiplyExact(total, (long) vm.vcores()));
    memoryMbSeconds = Math.addExact(memoryMbSeconds, Math.multiplyExact(total, vm.memoryMb()));
    spans.add(new long[] {from, to, vm.vcores(), vm.memoryMb()});
  }

  /** How many of the billed seconds {@code start + k s}, 0 ≤ k < n, start in [from, to). */
  static long secondsStartingIn(long start, long n, long from, long to) {
    if (to <= from) {
      return 0;
    }
    long first = Math.max(0, ceilDiv(from - start, 1000));
    long last = Math.min(n, ceilDiv(to - start, 1000));
    return Math.max(0, last - first);
  }

  /** Vcore-ms and memory-MB-ms of the pool's VMs within [from, to). */
  void weights(long from, long to, long[] out) {
    long vcores = 0;
    long memory = 0;
    for (long[] span : spans) {
      long overlap = Math.min(to, span[1]) - Math.max(from, span[0]);
      if (overlap > 0) {
        vcores += overlap * span[2];
        memory += overlap * span[3];
      }
    }
    out[0] = vcores;
    out[1] = memory;
  }

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
