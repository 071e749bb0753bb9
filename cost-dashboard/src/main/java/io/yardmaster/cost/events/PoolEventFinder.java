package io.yardmaster.cost.events;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.fleet.ScaleEvent;
import io.yardmaster.core.fleet.ScaleEvents;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.collect.VmStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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

  /** The steps read per query while every shrink of a window is collected. */
  static final int PAGE = 1_000;

  private final VmStore vms;
  private final ScaleEvents scaleEvents;
  private final int page;

  @Inject
  public PoolEventFinder(VmStore vms, ScaleEvents scaleEvents) {
    this(vms, scaleEvents, PAGE);
  }

  PoolEventFinder(VmStore vms, ScaleEvents scaleEvents, int page) {
    this.vms = requireNonNull(vms, "vms is null");
    this.scaleEvents = requireNonNull(scaleEvents, "scaleEvents is null");
    this.page = page;
  }

  /** What {@link #find} found: the newest {@code limit} events, oldest first. */
  public record Found(List<PoolEvent> events, boolean truncated) {}

  /**
   * @param pools each pool's cluster, by pool name
   */
  public Found find(Map<String, String> pools, Instant start, Instant end, int limit) {
    List<PoolEvent> events = new ArrayList<>();
    for (Map.Entry<String, String> pool : pools.entrySet()) {
      events.addAll(poolEvents(pool.getKey(), pool.getValue(), start, end, limit + 1));
    }
    events.sort(Comparator.comparing((PoolEvent e) -> Instant.parse(e.at())));
    boolean truncated = events.size() > limit;
    return new Found(
        List.copyOf(truncated ? events.subList(events.size() - limit, events.size()) : events),
        truncated);
  }

  /**
   * One pool's newest {@code limit} scale events and its evictions. With no spot VM ended in the
   * window, the newest steps are all it reads; otherwise every step from a day before the window,
   * since any of them may have deleted a VM that ended in it (one read serves both).
   */
  private List<PoolEvent> poolEvents(
      String pool, String cluster, Instant start, Instant end, int limit) {
    List<VmStore.StoredVm> ended =
        vms.endedBetween(pool, start.toEpochMilli(), end.toEpochMilli()).stream()
            .filter(vm -> vm.priority() == Priority.SPOT)
            .toList();
    List<ScaleEvent> steps =
        ended.isEmpty()
            ? scaleEvents.between(pool, start, end, limit)
            : everyStep(pool, start.minus(SHRINK_LOOKBACK), end);
    Set<String> deleted = new HashSet<>();
    List<PoolEvent> events = new ArrayList<>();
    for (ScaleEvent step : steps) {
      deleted.addAll(step.removedInstanceIds());
      if (!step.at().isBefore(start)) {
        events.add(scaleEvent(cluster, step));
      }
    }
    List<PoolEvent> newest =
        new ArrayList<>(events.subList(Math.max(0, events.size() - limit), events.size()));
    newest.addAll(evictions(pool, cluster, ended, deleted));
    return newest;
  }

  /**
   * The pool's steps in [from, end), oldest first, read newest first a page at a time. A page's
   * steps at its oldest instant are read again with the next page (a page may have cut them).
   */
  private List<ScaleEvent> everyStep(String pool, Instant from, Instant end) {
    Deque<ScaleEvent> steps = new ArrayDeque<>();
    Instant before = end;
    while (true) {
      List<ScaleEvent> read = scaleEvents.between(pool, from, before, page);
      if (read.size() < page) {
        addOldestFirst(steps, read);
        return List.copyOf(steps);
      }
      Instant oldest = read.get(0).at();
      List<ScaleEvent> newer = read.stream().filter(step -> step.at().isAfter(oldest)).toList();
      if (newer.isEmpty()) {
        // a whole page at one instant (a pool has one tick per instant): keep it, go on below
        addOldestFirst(steps, read);
        before = oldest;
      } else {
        addOldestFirst(steps, newer);
        before = oldest.plusMillis(1);
      }
    }
  }

  private static void addOldestFirst(Deque<ScaleEvent> steps, List<ScaleEvent> older) {
    for (int i = older.size() - 1; i >= 0; i--) {
      steps.addFirst(older.get(i));
    }
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

  /** The ended spot VMs no step deleted, as one event per VM-list pass. */
  private static List<PoolEvent> evictions(
      String pool, String cluster, List<VmStore.StoredVm> ended, Set<String> deleted) {
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
