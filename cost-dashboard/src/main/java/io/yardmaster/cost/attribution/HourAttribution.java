package io.yardmaster.cost.attribution;

import io.yardmaster.core.Texts;
import io.yardmaster.cost.attribution.CostAllocation.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attribution of one cluster's UTC hour (ADR 0017), pure: the same inputs give the same rows,
 * whatever their order. For each node pool billed in the hour: one {@link Kind#APP} row per app
 * with a share of it and one {@link Kind#IDLE} row, whose {@code costMicros} add up to the
 * pool-hour's bill exactly, and whose {@code idleShareMicros} and {@code idleCauseMicros} add up to
 * its idle.
 *
 * <ul>
 *   <li>An app's allocation (vcore- and memory-MB-seconds, as the RM reports them) is spread evenly
 *       over [launched, finished) — a running app's over [launched, observedAt).
 *   <li>The RM reports totals per app, not per node: an app's allocation in the hour is spread over
 *       the cluster's pools in proportion to their capacity during the part of the hour it ran.
 *   <li>A pool-hour's bill is split into a CPU and a memory part by the CPU share; an app gets the
 *       part in proportion to its allocation over the pool's capacity, and when the apps'
 *       allocation exceeds the capacity, the whole part in proportion to their allocations.
 *   <li>Idle = bill − Σ apps. Shared back in proportion to the apps' cost; or by cause: to the apps
 *       submitted within the grow window when the pool grew, and to the apps that finished within
 *       the drain window when it kept VMs it deleted.
 * </ul>
 */
public final class HourAttribution {
  static final long HOUR = 3_600_000;
  private static final long MILLION = 1_000_000;
  // a cause weight's ceiling, so that the weights of many apps add up without overflow
  private static final long MAX_WEIGHT = 1L << 40;

  private final AttributionModel model;

  public HourAttribution(AttributionModel model) {
    this.model = model;
  }

  public AttributionModel model() {
    return model;
  }

  /** The window of apps and VMs the hour needs: [hour − the model's look-back, hour + 1 h). */
  public Instant readFrom(Instant hourStart) {
    return hourStart.minus(model.lookBack());
  }

  /**
   * The rows of {@code cluster}'s hour starting at {@code hourStart} (a whole UTC hour), as of
   * {@code asOf}: VMs still running are billed up to it.
   *
   * @param apps the cluster's apps from {@link #readFrom} to the hour's end
   * @param vms the cluster's VMs from {@link #readFrom} to the hour's end
   * @throws IllegalStateException when a billed second has no price
   */
  public List<CostAllocation> attribute(
      String cluster,
      Instant hourStart,
      Instant asOf,
      List<AppUsage> apps,
      List<VmSpan> vms,
      PriceBook prices) {
    long h = hourStart.toEpochMilli();
    if (Math.floorMod(h, HOUR) != 0) {
      throw new IllegalArgumentException("not the start of a UTC hour: " + hourStart);
    }
    long hourEnd = h + HOUR;
    long now = asOf.toEpochMilli();
    long end = Math.min(hourEnd, now);
    if (end <= h) {
      return List.of();
    }
    long grewFrom = h - model.growWindow().toMillis();
    long drainTo = hourEnd + model.drainWindow().toMillis();

    PriceTimeline timeline = new PriceTimeline(prices, h, end);
    TreeMap<String, PoolHour> byName = new TreeMap<>();
    for (VmSpan vm : vms) {
      if (!cluster.equals(vm.cluster())) {
        continue;
      }
      PoolHour pool = byName.computeIfAbsent(vm.pool(), PoolHour::new);
      pool.bill(vm, h, end, now, timeline);
      long created = vm.start().toEpochMilli();
      if (created >= grewFrom && created < hourEnd) {
        pool.grew = true;
      }
      if (vm.end() != null) {
        long deleted = vm.end().toEpochMilli();
        if (deleted >= h && deleted < drainTo && created < hourEnd) {
          pool.shrank = true;
        }
      }
    }
    List<PoolHour> pools = new ArrayList<>();
    for (PoolHour pool : byName.values()) {
      if (pool.vcoreSeconds > 0 || pool.memoryMbSeconds > 0 || pool.billNumerator > 0) {
        pools.add(pool);
      }
    }
    if (pools.isEmpty()) {
      return List.of();
    }

    List<AppUsage> sorted = distinctApps(cluster, apps);
    int p = pools.size();
    int n = sorted.size();
    long[][] vcoreShare = new long[p][n];
    long[][] memoryShare = new long[p][n];
    spread(sorted, pools, h, hourEnd, vcoreShare, memoryShare);

    List<CostAllocation> rows = new ArrayList<>();
    long drainFrom = h - model.drainWindow().toMillis();
    for (int k = 0; k < p; k++) {
      rows.addAll(
          pool(
              cluster,
              hourStart,
              pools.get(k),
              sorted,
              vcoreShare[k],
              memoryShare[k],
              grewFrom,
              drainFrom,
              hourEnd));
    }
    return rows;
  }

  /** The cluster's apps, one per id (the latest observation), by id. */
  private static List<AppUsage> distinctApps(String cluster, List<AppUsage> apps) {
    Map<String, AppUsage> byId = new HashMap<>();
    for (AppUsage app : apps) {
      if (!cluster.equals(app.cluster())) {
        continue;
      }
      byId.merge(
          app.appId(),
          app,
          (a, b) -> {
            int byTime = a.observedAt().compareTo(b.observedAt());
            if (byTime != 0) {
              return byTime > 0 ? a : b;
            }
            // same observation time: the larger allocation, so the choice ignores input order
            return Long.compare(a.vcoreSeconds(), b.vcoreSeconds()) >= 0 ? a : b;
          });
    }
    List<AppUsage> sorted = new ArrayList<>(byId.values());
    sorted.sort((a, b) -> a.appId().compareTo(b.appId()));
    return sorted;
  }

  /** Each app's allocation in the hour, split over the pools by their capacity while it ran. */
  private static void spread(
      List<AppUsage> apps,
      List<PoolHour> pools,
      long h,
      long hourEnd,
      long[][] vcoreShare,
      long[][] memoryShare) {
    int p = pools.size();
    long[] vcoreWeights = new long[p];
    long[] memoryWeights = new long[p];
    long[] out = new long[2];
    for (int i = 0; i < apps.size(); i++) {
      AppUsage app = apps.get(i);
      long launched = app.launched().toEpochMilli();
      long stop = (app.finished() != null ? app.finished() : app.observedAt()).toEpochMilli();
      long from;
      long to;
      long vcores;
      long memory;
      if (stop <= launched) {
        if (launched < h || launched >= hourEnd) {
          continue;
        }
        from = launched;
        to = launched + 1;
        vcores = Math.max(0, app.vcoreSeconds());
        memory = Math.max(0, app.memoryMbSeconds());
      } else {
        from = Math.max(launched, h);
        to = Math.min(stop, hourEnd);
        if (to <= from) {
          continue;
        }
        long duration = stop - launched;
        vcores = within(app.vcoreSeconds(), from - launched, to - launched, duration);
        memory = within(app.memoryMbSeconds(), from - launched, to - launched, duration);
      }
      if (vcores == 0 && memory == 0) {
        continue;
      }
      boolean any = false;
      for (int k = 0; k < p; k++) {
        pools.get(k).weights(from, to, out);
        vcoreWeights[k] = out[0];
        memoryWeights[k] = out[1];
        any |= out[0] > 0 || out[1] > 0;
      }
      if (!any) {
        // it ran while the cluster had no VM billed: spread by the whole hour's capacity
        for (int k = 0; k < p; k++) {
          vcoreWeights[k] = pools.get(k).vcoreSeconds;
          memoryWeights[k] = pools.get(k).memoryMbSeconds;
        }
      }
      long[] v = Apportion.split(vcores, vcoreWeights);
      long[] m = Apportion.split(memory, memoryWeights);
      for (int k = 0; k < p; k++) {
        vcoreShare[k][i] = v[k];
        memoryShare[k][i] = m[k];
      }
    }
  }

  /**
   * The part of {@code total} spread evenly over [0, duration) that falls in [from, to): the
   * difference of two cumulative floors, so an app's hours add up to its total exactly.
   */
  static long within(long total, long from, long to, long duration) {
    if (total <= 0) {
      return 0;
    }
    return Apportion.mulDiv(total, to, duration) - Apportion.mulDiv(total, from, duration);
  }

  private List<CostAllocation> pool(
      String cluster,
      Instant hourStart,
      PoolHour pool,
      List<AppUsage> apps,
      long[] vcores,
      long[] memory,
      long growFrom,
      long drainFrom,
      long hourEnd) {
    int n = apps.size();
    long bill = pool.billMicros();
    long cpuBudget = Apportion.mulDivRound(bill, model.cpuSharePpm(), MILLION);
    long memoryBudget = bill - cpuBudget;
    long vcoreTotal = sum(vcores);
    long memoryTotal = sum(memory);
    long cpuToApps = toApps(cpuBudget, vcoreTotal, pool.vcoreSeconds);
    long memoryToApps = toApps(memoryBudget, memoryTotal, pool.memoryMbSeconds);
    long[] cpu = Apportion.split(cpuToApps, vcores);
    long[] mem = Apportion.split(memoryToApps, memory);
    long[] cost = new long[n];
    for (int i = 0; i < n; i++) {
      cost[i] = cpu[i] + mem[i];
    }
    long idle = bill - cpuToApps - memoryToApps;
    long[] share = Apportion.split(idle, cost);

    long[] causeWeights = new long[n];
    if (pool.grew || pool.shrank) {
      for (int i = 0; i < n; i++) {
        AppUsage app = apps.get(i);
        long submitted = app.started().toEpochMilli();
        boolean demanded = pool.grew && submitted >= growFrom && submitted < hourEnd;
        boolean last =
            pool.shrank
                && app.finished() != null
                && app.finished().toEpochMilli() >= drainFrom
                && app.finished().toEpochMilli() < hourEnd;
        if (demanded || last) {
          causeWeights[i] = value(app, cpuBudget, memoryBudget, pool);
        }
      }
    }
    long[] cause = Apportion.split(idle, causeWeights);

    List<CostAllocation> rows = new ArrayList<>();
    long shared = 0;
    long caused = 0;
    for (int i = 0; i < n; i++) {
      if (vcores[i] == 0 && memory[i] == 0 && cause[i] == 0 && cost[i] == 0) {
        continue;
      }
      AppUsage app = apps.get(i);
      AppLabels labels = AppLabels.of(app.tags());
      rows.add(
          new CostAllocation(
              hourStart,
              cluster,
              pool.pool,
              Kind.APP,
              Texts.bounded(app.appId(), 64),
              labels.team(),
              labels.dagId(),
              labels.taskId(),
              labels.runId(),
              labels.tryNumber(),
              labels.mapIndex(),
              labels.jobId(),
              Texts.bounded(nonNull(app.queue()), 255),
              Texts.bounded(nonNull(app.user()), 255),
              app.finished() == null ? "RUNNING" : Texts.bounded(nonNull(app.finalStatus()), 16),
              vcores[i],
              memory[i],
              cpu[i],
              mem[i],
              cost[i],
              share[i],
              cause[i]));
      shared += share[i];
      caused += cause[i];
    }
    rows.add(
        new CostAllocation(
            hourStart,
            cluster,
            pool.pool,
            Kind.IDLE,
            "",
            "",
            "",
            "",
            "",
            -1,
            -1,
            "",
            "",
            "",
            "",
            Math.max(0, pool.vcoreSeconds - vcoreTotal),
            Math.max(0, pool.memoryMbSeconds - memoryTotal),
            cpuBudget - cpuToApps,
            memoryBudget - memoryToApps,
            idle,
            idle - shared,
            idle - caused));
    return rows;
  }

  /**
   * What the apps get of a resource's part of the bill: in proportion to their allocation over the
   * capacity, and all of it when they were allocated more than the capacity (never more than the
   * bill, so idle is never negative).
   */
  private static long toApps(long budget, long allocated, long capacity) {
    if (allocated == 0) {
      return 0;
    }
    if (allocated >= capacity) {
      return budget;
    }
    return Apportion.mulDiv(budget, allocated, capacity);
  }

  /** The app's whole allocation priced at this pool-hour's rate: its weight for the cause mode. */
  private static long value(AppUsage app, long cpuBudget, long memoryBudget, PoolHour pool) {
    long value = 0;
    if (pool.vcoreSeconds > 0 && app.vcoreSeconds() > 0) {
      value += Apportion.mulDivAtMost(cpuBudget, app.vcoreSeconds(), pool.vcoreSeconds, MAX_WEIGHT);
    }
    if (pool.memoryMbSeconds > 0 && app.memoryMbSeconds() > 0) {
      value +=
          Apportion.mulDivAtMost(
              memoryBudget, app.memoryMbSeconds(), pool.memoryMbSeconds, MAX_WEIGHT);
    }
    return value;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long value : values) {
      total = Math.addExact(total, value);
    }
    return total;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
