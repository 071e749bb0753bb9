package io.yardmaster.cost.attribution;

import io.yardmaster.cost.attribution.AttributionInputs.DirtyHour;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of attribution: the dirty hours, oldest first, each computed by {@link HourAttribution}
 * and written in one transaction, then marked attributed as of the version read. An hour that fails
 * (no price for a billed second, a database error) is logged and skipped: it is tried again after
 * {@code retryAfter}, doubling up to an hour, or at once when its inputs change again, and it never
 * holds the hours behind it back. At most {@link #MAX_FAILING} failing hours are remembered.
 */
public final class AttributionJob {
  static final int MAX_FAILING = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(AttributionJob.class);
  private static final Duration MAX_RETRY = Duration.ofHours(1);

  private final AttributionInputs inputs;
  private final HourAttribution engine;
  private final AllocationStore store;
  private final int batch;
  private final Duration retryAfter;
  private final Map<Key, Failure> failing = new HashMap<>();

  public AttributionJob(
      AttributionInputs inputs,
      HourAttribution engine,
      AllocationStore store,
      int batch,
      Duration retryAfter) {
    this.inputs = inputs;
    this.engine = engine;
    this.store = store;
    this.batch = batch;
    this.retryAfter = retryAfter;
  }

  /** What one pass did. */
  public record Pass(int attributed, int failed, int waiting) {}

  /** Attributes up to {@code batch} dirty hours as of {@code now}. */
  public synchronized Pass runOnce(Instant now) {
    List<DirtyHour> dirty = inputs.dirtyHours(batch + failing.size());
    PriceBook prices = inputs.prices();
    int attributed = 0;
    int failed = 0;
    int waiting = 0;
    for (DirtyHour hour : dirty) {
      if (attributed + failed >= batch) {
        break;
      }
      Key key = new Key(hour.cluster(), hour.hourStart());
      Failure failure = failing.get(key);
      if (failure != null && failure.version == hour.version() && now.isBefore(failure.retryAt)) {
        waiting++;
        continue;
      }
      try {
        attribute(hour, now, prices);
        failing.remove(key);
        attributed++;
      } catch (RuntimeException e) {
        failed++;
        int attempts = failure == null ? 1 : failure.attempts + 1;
        Duration wait = backoff(attempts);
        LOG.warn(
            "cost attribution of {} at {} failed (attempt {}, next in {}): {}",
            hour.cluster(),
            hour.hourStart(),
            attempts,
            wait,
            e.toString());
        if (failure != null || failing.size() < MAX_FAILING) {
          failing.put(key, new Failure(hour.version(), attempts, now.plus(wait)));
        }
      }
    }
    return new Pass(attributed, failed, waiting);
  }

  /** Forgets the failures (a replica that takes the lease over starts afresh). */
  public synchronized void tookOver() {
    failing.clear();
  }

  private void attribute(DirtyHour hour, Instant now, PriceBook prices) {
    Instant from = engine.readFrom(hour.hourStart());
    Instant to = hour.hourStart().plusMillis(HourAttribution.HOUR);
    List<AppUsage> apps = inputs.apps(hour.cluster(), from, to);
    List<VmSpan> vms = inputs.vms(hour.cluster(), from, to);
    List<CostAllocation> rows =
        engine.attribute(hour.cluster(), hour.hourStart(), now, apps, vms, prices);
    store.replace(hour.cluster(), hour.hourStart(), rows);
    inputs.attributed(hour);
  }

  private Duration backoff(int attempts) {
    Duration wait = retryAfter;
    for (int i = 1; i < attempts && wait.compareTo(MAX_RETRY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  private record Key(String cluster, Instant hourStart) {}

  private record Failure(long version, int attempts, Instant retryAt) {}
}
