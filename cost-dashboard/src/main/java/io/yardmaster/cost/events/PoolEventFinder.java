package io.yardmaster.cost.events;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.fleet.ScaleEvent;
import io.yardmaster.core.fleet.ScaleEvents;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.collect.VmStore;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scale events and spot evictions of some pools over a window. Scale events are the
 * autoscaler's applied grows and VM deletes ({@link ScaleEvents}); an eviction is a spot VM whose
 * record ended ({@code cost_vm}) although no shrink deleted it. VMs that left at the same VM-list
 * pass make one event.
 */
@Singleton
public final class PoolEventFinder {
  /** How far before the window a shrink that deleted a VM ending in it is looked for. */
  static final Duration SHRINK_LOOKBACK = Duration.ofDays(1);

  /** The most shrink steps of one pool read to tell evictions from deletes. */
  private static final int MAX_SHRINKS = 20_000;

  private final VmStore vms;
  private final ScaleEvents scaleEvents;

  public PoolEventFinder(VmStore vms, ScaleEvents scaleEvents) {
    this.vms = requireNonNull(vms, "vms is null");
    this.scaleEvents = requireNonNull(scaleEvents, "scaleEvents is null");
  }

  /** What {@link #find} found: the newest {@code limit} events, oldest first. */
  public record Found(List<PoolEvent> events, boolean truncated) {}

  /**
   * @param pools each pool's cluster, by pool name
   */
  public Found find(Map<String, String> pools, Instant start, Instant end, int limit) {
    List<PoolEvent> events = new ArrayList<>();
    for (Map.Entry<String, String> pool : pools.entrySet()) {
      for (ScaleEvent step : scaleEvents.between(pool.getKey(), start, end, limit + 1)) {
        events.add(scaleEvent(pool.getValue(), step));
      }
      events.addAll(evictions(pool.getKey(), pool.getValue(), start, end));
    }
    events.sort(Comparator.comparing((PoolEvent e) -> Instant.parse(e.at())));
    boolean truncated = events.size() > limit;
    return new Found(
        List.copyOf(truncated ? events.subList(events.size() - limit, events.size()) : events),
        truncated);
  }

  private static PoolEvent scaleEvent(String cluster, ScaleEvent step) {
    boolean grow = step.kind() == ScaleEvent.Kind.GROW;
    Integer count =
        grow
            ? (step.capacity() == null ? null : step.target() - step.capacity())
            : step.removedInstanceIds().size();
    return new PoolEvent(
        step.at().toString(),
        grow ? PoolEvent.Kind.SCALE_OUT : PoolEvent.Kind.SCALE_IN,
        cluster,
        step.pool(),
        count,
        step.capacity(),
        step.target());
  }

  private List<PoolEvent> evictions(String pool, String cluster, Instant start, Instant end) {
    List<VmStore.StoredVm> ended =
        vms.endedBetween(pool, start.toEpochMilli(), end.toEpochMilli()).stream()
            .filter(vm -> vm.priority() == Priority.SPOT)
            .toList();
    if (ended.isEmpty()) {
      return List.of();
    }
    Set<String> deleted = new HashSet<>();
    for (ScaleEvent step :
        scaleEvents.between(pool, start.minus(SHRINK_LOOKBACK), end, MAX_SHRINKS)) {
      deleted.addAll(step.removedInstanceIds());
    }
    Map<Long, Integer> byPass = new TreeMap<>();
    for (VmStore.StoredVm vm : ended) {
      if (!deleted.contains(vm.instanceId())) {
        byPass.merge(vm.deletedAt(), 1, Integer::sum);
      }
    }
    List<PoolEvent> events = new ArrayList<>();
    byPass.forEach(
        (at, count) ->
            events.add(
                new PoolEvent(
                    Instant.ofEpochMilli(at).toString(),
                    PoolEvent.Kind.SPOT_EVICTION,
                    cluster,
                    pool,
                    count,
                    null,
                    null)));
    return events;
  }
}
