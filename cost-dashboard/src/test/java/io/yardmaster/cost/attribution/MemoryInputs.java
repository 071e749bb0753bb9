package io.yardmaster.cost.attribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** AttributionInputs over lists, with dirty hours the test marks. */
final class MemoryInputs implements AttributionInputs {
  final List<AppUsage> apps = new ArrayList<>();
  final List<VmSpan> vms = new ArrayList<>();
  PriceBook prices;
  final Map<String, DirtyHour> dirty = new TreeMap<>();
  final List<DirtyHour> marked = new ArrayList<>();
  private long version;

  MemoryInputs(PriceBook prices) {
    this.prices = prices;
  }

  void dirty(String cluster, Instant hour) {
    dirty.put(hour + "|" + cluster, new DirtyHour(cluster, hour, ++version));
  }

  @Override
  public synchronized List<AppUsage> apps(String cluster, Instant from, Instant to) {
    return apps.stream()
        .filter(a -> a.cluster().equals(cluster))
        .filter(a -> a.launched().isBefore(to))
        .filter(a -> (a.finished() == null ? a.observedAt() : a.finished()).isAfter(from))
        .toList();
  }

  @Override
  public synchronized List<VmSpan> vms(String cluster, Instant from, Instant to) {
    return vms.stream()
        .filter(v -> v.cluster().equals(cluster))
        .filter(v -> v.start().isBefore(to))
        .filter(v -> v.end() == null || v.end().isAfter(from))
        .toList();
  }

  @Override
  public PriceBook prices() {
    return prices;
  }

  @Override
  public synchronized List<DirtyHour> dirtyHours(int limit) {
    return dirty.values().stream()
        .sorted(Comparator.comparing(DirtyHour::hourStart).thenComparing(DirtyHour::cluster))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void attributed(DirtyHour hour) {
    marked.add(hour);
    dirty.computeIfPresent(
        hour.hourStart() + "|" + hour.cluster(),
        (k, current) -> current.version() == hour.version() ? null : current);
  }
}
