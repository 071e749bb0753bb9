package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link Trace} into one cluster of a fleet under a {@link VirtualClock}, as fast as the
 * CPU allows, calling a {@link ReplayHook} every tick, until every job has ended (or a limit of
 * simulated time passed). Job submit times are relative to the fleet's start.
 */
public final class Replay {
  /** Name of the cluster {@link #fixedFleet} builds. */
  public static final String CLUSTER = "replay";

  /** ARM id of the scale set {@link #fixedFleet} builds. */
  public static final String SCALE_SET =
      "/subscriptions/replay/resourceGroups/replay/providers/Microsoft.Compute/"
          + "virtualMachineScaleSets/replay-pool";

  private final Trace trace;
  private final Fleet fleet;
  private final String cluster;
  private final Duration tick;
  private final ReplayHook hook;
  private final Duration limit;

  /**
   * @param tick how often the hook is called, in simulated time
   * @param limit simulated time after the last submission at which the replay gives up
   */
  public Replay(
      Trace trace, Fleet fleet, String cluster, Duration tick, ReplayHook hook, Duration limit) {
    this.trace = requireNonNull(trace, "trace is null");
    this.fleet = requireNonNull(fleet, "fleet is null");
    if (!(fleet.simulation().clock() instanceof VirtualClock)) {
      throw new IllegalArgumentException("a replay needs a fleet on a VirtualClock");
    }
    this.cluster = requireNonNull(cluster, "cluster is null");
    fleet.cluster(cluster).orElseThrow(() -> new IllegalArgumentException("no cluster " + cluster));
    this.tick = requireNonNull(tick, "tick is null");
    this.hook = requireNonNull(hook, "hook is null");
    this.limit = requireNonNull(limit, "limit is null");
  }

  /** A fleet of one cluster {@value #CLUSTER} with {@code nodes} running on-demand VMs. */
  public static Fleet fixedFleet(Sku sku, int nodes, long seed) {
    return Fleet.builder(new VirtualClock(0), seed)
        .maxCompletedApplications(1000)
        .cluster(CLUSTER)
        .pool("replay-pool", CLUSTER, SCALE_SET, sku, Priority.ON_DEMAND, nodes)
        .build();
  }

  public ReplayReport run() {
    Simulation simulation = fleet.simulation();
    SimulatedCluster target = fleet.cluster(cluster).orElseThrow();
    List<Long> queueing = new ArrayList<>();
    int[] outcome = new int[2];
    target.onFinish(
        application -> {
          if (application.finalStatus() == FinalStatus.SUCCEEDED) {
            outcome[0]++;
          } else {
            outcome[1]++;
          }
          if (application.launchedMillis() >= 0) {
            queueing.add(application.launchedMillis() - application.submittedMillis());
          }
        });
    long start = simulation.now();
    long lastSubmit = start;
    for (TraceJob job : trace.jobs()) {
      long at = start + job.submitSeconds() * 1000;
      lastSubmit = Math.max(lastSubmit, at);
      simulation.schedule(at, () -> target.submit(job.toSpec()));
    }
    List<MemoryPoolMXBean> heap = heapPools();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long eventsBefore = simulation.eventsProcessed();
    long wallStart = System.nanoTime();
    long deadline = lastSubmit + limit.toMillis();
    long now = start;
    int jobs = trace.jobs().size();
    while (outcome[0] + outcome[1] < jobs && now < deadline) {
      now += tick.toMillis();
      simulation.runUntil(now);
      hook.onTick(fleet, Instant.ofEpochMilli(now));
    }
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    long events = simulation.eventsProcessed() - eventsBefore;
    long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    queueing.sort(Long::compare);
    Instant end = Instant.ofEpochMilli(now);
    long vmSeconds = fleet.lifetimes().stream().mapToLong(vm -> vm.billedSeconds(end)).sum();
    return new ReplayReport(
        jobs,
        outcome[0],
        outcome[1],
        (now - start) / 1000,
        wallSeconds,
        events,
        wallSeconds > 0 ? events / wallSeconds : 0,
        peakHeap,
        percentile(queueing, 0.50),
        percentile(queueing, 0.95),
        vmSeconds);
  }

  private static double percentile(List<Long> sortedMillis, double quantile) {
    if (sortedMillis.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sortedMillis.size()) - 1;
    return sortedMillis.get(Math.max(0, index)) / 1000.0;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .toList();
  }
}
