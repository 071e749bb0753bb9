package io.yardmaster.core.lease;

import java.time.Duration;
import java.time.Instant;

/**
 * Leases on periodic work, so that work which talks to a peer runs on one replica at a time, not
 * once per replica (ADR 0013). A loop asks before each pass; it holds its lease by asking again
 * before the lease ends, and another replica takes it over once it has expired.
 */
public interface Leases {
  /**
   * True when this process holds {@code name} until {@code now + ttl}: renewed if it was already
   * this process's, taken if it was free or had expired, false if another replica holds it (or the
   * database cannot be reached: without a lease the work waits).
   */
  boolean hold(String name, Instant now, Duration ttl);

  /** Gives up every lease of this process, so that another replica takes over at once. */
  void releaseAll();

  /** This process's name in the lease table. */
  String holder();

  /**
   * How long a lease taken by a loop that runs every {@code interval} lasts: three passes, and
   * never less than 15 s, so a slow pass or a short database hiccup keeps it where it is.
   */
  static Duration ttlFor(Duration interval) {
    Duration three = interval.multipliedBy(3);
    Duration floor = Duration.ofSeconds(15);
    return three.compareTo(floor) < 0 ? floor : three;
  }
}
