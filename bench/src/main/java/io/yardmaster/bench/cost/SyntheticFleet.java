package io.yardmaster.bench.cost;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.AppUsage;
import io.yardmaster.cost.attribution.AttributionInputs;
import io.yardmaster.cost.attribution.PriceBook;
import io.yardmaster.cost.attribution.VmSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A seeded synthetic month of a fleet, as attribution's inputs held in memory: clusters with an
 * on-demand pool, a spot pool and (on every other cluster) a small-VM pool; a diurnal load of
 * finished Spark apps (lognormal durations, median 8 min, a tail of hours; executors × cores ×
 * duration × an allocation factor), tagged as Yardmaster tags them, some untagged; VMs that follow
 * the load (a floor of long-lived VMs, and scale-out VMs of 20 min to 4 h); a price book with a
 * change in the middle of the month, inside an hour. Every cluster-hour of the month is dirty.
 */
final class SyntheticFleet implements AttributionInputs {
  static final long HOUR = 3_600_000;
  static final long MAX_APP = 12 * HOUR;
  static final long MAX_VM = 8 * 24 * HOUR;
  static final String E16 = "Standard_E16s_v5";
  static final String D8 = "Standard_D8s_v5";
  static final String REGION = "westeurope";

  private final Instant start;
  private final Map<String, AppUsage[]> apps = new HashMap<>();
  private final Map<String, long[]> appLaunches = new HashMap<>();
  private final Map<String, VmSpan[]> vms = new HashMap<>();
  private final Map<String, long[]> vmStarts = new HashMap<>();
  private final List<DirtyHour> dirty = new ArrayList<>();
  private final Map<DirtyHour, Integer> index = new HashMap<>();
  private boolean[] done;
  private int next;
  private final PriceBook prices;
  final int appCount;
  final int vmCount;

  SyntheticFleet(long seed, int clusters, int days, int totalApps, Instant start) {
    this.start = start;
    Random random = new Random(seed);
    long from = start.toEpochMilli();
    long to = from + days * 24 * HOUR;
    int vmTotal = 0;
    for (int c = 0; c < clusters; c++) {
      String cluster = "cluster-" + c;
      int count = totalApps / clusters + (c < totalApps % clusters ? 1 : 0);
      List<AppUsage> list = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        list.add(app(random, cluster, c, i, from, to));
      }
      list.sort(Comparator.comparing(AppUsage::launched));
      apps.put(cluster, list.toArray(AppUsage[]::new));
      appLaunches.put(cluster, list.stream().mapToLong(a -> a.launched().toEpochMilli()).toArray());
      List<VmSpan> spans = fleet(random, cluster, c, count, from, to);
      spans.sort(Comparator.comparing(VmSpan::start));
      vmTotal += spans.size();
      vms.put(cluster, spans.toArray(VmSpan[]::new));
      vmStarts.put(cluster, spans.stream().mapToLong(v -> v.start().toEpochMilli()).toArray());
    }
    this.appCount = totalApps;
    this.vmCount = vmTotal;
    for (long hour = from; hour < to; hour += HOUR) {
      for (int c = 0; c < clusters; c++) {
        dirty.add(new DirtyHour("cluster-" + c, Instant.ofEpochMilli(hour), 1));
      }
    }
    for (int i = 0; i < dirty.size(); i++) {
      index.put(dirty.get(i), i);
    }
    this.done = new boolean[dirty.size()];
    long change = from + days / 2 * 24 * HOUR + 10 * HOUR + 30 * 60_000; // mid-month, 10:30
    this.prices = (sku, region, priority, at) -> price(sku, priority, at.toEpochMilli() >= change);
  }

  private static OptionalLong price(String sku, Priority priority, boolean after) {
    long onDemand = sku.equals(E16) ? 1_008_000 : 384_000;
    long micros = priority == Priority.SPOT ? onDemand / 5 : onDemand;
    return OptionalLong.of(after ? micros * 21 / 20 : micros);
  }

  private static double diurnal(long at) {
    double hourOfDay = (at % (24 * HOUR)) / (double) HOUR;
    return 0.55 + 0.45 * Math.sin((hourOfDay - 6) / 24 * 2 * Math.PI);
  }

  private static AppUsage app(Random random, String cluster, int c, int i, long from, long to) {
    long launched;
    do {
      launched = from + (long) (random.nextDouble() * (to - from));
    } while (random.nextDouble() > diurnal(launched));
    long duration =
        Math.min(MAX_APP, (long) (8 * 60_000 * Math.exp(random.nextGaussian() * 1.1)) + 5_000);
    int executors = 1 + random.nextInt(random.nextInt(10) == 0 ? 100 : 12);
    int cores = 1 + random.nextInt(4);
    double factor = 0.6 + 0.4 * random.nextDouble();
    long seconds = duration / 1000;
    long vcoreSeconds = (long) ((executors * cores + 1) * seconds * factor);
    long memorySeconds = (long) ((executors * cores * 7168L + 2048) * seconds * factor);
    int team = random.nextInt(8);
    int dag = random.nextInt(40);
    String id = "application_" + (1700000000000L + c) + "_" + String.format("%07d", i);
    List<String> tags =
        random.nextInt(20) == 0
            ? List.of()
            : List.of(
                "ym-job-" + Long.toHexString(random.nextLong()),
                "ym-team-team" + team,
                "ym-dag-dag_" + team + "_" + dag,
                "ym-task-task_" + random.nextInt(6),
                "ym-run-scheduled__" + Instant.ofEpochMilli(launched / (24 * HOUR) * 24 * HOUR),
                "ym-try-" + (random.nextInt(15) == 0 ? 2 : 1));
    return new AppUsage(
        cluster,
        id,
        Instant.ofEpochMilli(launched - random.nextInt(60_000)),
        Instant.ofEpochMilli(launched),
        Instant.ofEpochMilli(launched + duration),
        Instant.ofEpochMilli(launched + duration + 30_000),
        vcoreSeconds,
        memorySeconds,
        0,
        0,
        tags,
        "root.team" + team,
        "svc-team" + team,
        random.nextInt(25) == 0 ? "FAILED" : "SUCCEEDED");
  }

  private static List<VmSpan> fleet(
      Random random, String cluster, int c, int apps, long from, long to) {
    List<VmSpan> spans = new ArrayList<>();
    String[] pools =
        c % 2 == 0 ? new String[] {"od", "spot", "small"} : new String[] {"od", "spot"};
    int floor = Math.max(2, apps / 30 / 24 / 20); // long-lived VMs per pool
    int id = 0;
    for (String pool : pools) {
      String sku = pool.equals("small") ? D8 : E16;
      Priority priority = pool.equals("spot") ? Priority.SPOT : Priority.ON_DEMAND;
      int vcores = sku.equals(E16) ? 16 : 8;
      long memory = sku.equals(E16) ? 114_688 : 28_672;
      for (int f = 0; f < floor; f++) {
        long at = from - random.nextInt((int) HOUR);
        while (at < to) {
          long life = Math.min(MAX_VM, (long) ((2 + random.nextDouble() * 5) * 24 * HOUR));
          long end = at + life;
          spans.add(vm(cluster, pool, "vm-" + id++, sku, priority, at, end, vcores, memory));
          at = end + random.nextInt(300_000);
        }
      }
      // scale-out: every 10 minutes, VMs in proportion to the time of day
      for (long at = from; at < to; at += 600_000) {
        int grow = (int) Math.round(diurnal(at) * floor * random.nextDouble() * 0.6);
        for (int g = 0; g < grow; g++) {
          long created = at + random.nextInt(600_000);
          long life = 20 * 60_000 + (long) (random.nextDouble() * 220 * 60_000);
          spans.add(
              vm(
                  cluster,
                  pool,
                  "vm-" + id++,
                  sku,
                  priority,
                  created,
                  created + life,
                  vcores,
                  memory));
        }
      }
    }
    return spans;
  }

  private static VmSpan vm(
      String cluster,
      String pool,
      String id,
      String sku,
      Priority priority,
      long start,
      long end,
      int vcores,
      long memory) {
    return new VmSpan(
        cluster,
        pool,
        id,
        sku,
        REGION,
        priority,
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end),
        vcores,
        memory);
  }

  Instant start() {
    return start;
  }

  int hours() {
    return dirty.size();
  }

  @Override
  public List<AppUsage> apps(String cluster, Instant from, Instant to) {
    AppUsage[] all = apps.get(cluster);
    long[] launches = appLaunches.get(cluster);
    int first = lowerBound(launches, from.toEpochMilli() - MAX_APP);
    int last = lowerBound(launches, to.toEpochMilli());
    List<AppUsage> found = new ArrayList<>();
    for (int i = first; i < last; i++) {
      if (all[i].finished().isAfter(from)) {
        found.add(all[i]);
      }
    }
    return found;
  }

  @Override
  public List<VmSpan> vms(String cluster, Instant from, Instant to) {
    VmSpan[] all = vms.get(cluster);
    long[] starts = vmStarts.get(cluster);
    int first = lowerBound(starts, from.toEpochMilli() - MAX_VM);
    int last = lowerBound(starts, to.toEpochMilli());
    List<VmSpan> found = new ArrayList<>();
    for (int i = first; i < last; i++) {
      if (all[i].end().isAfter(from)) {
        found.add(all[i]);
      }
    }
    return found;
  }

  @Override
  public PriceBook prices() {
    return prices;
  }

  @Override
  public synchronized List<DirtyHour> dirtyHours(int limit) {
    while (next < done.length && done[next]) {
      next++;
    }
    List<DirtyHour> found = new ArrayList<>();
    for (int i = next; i < done.length && found.size() < limit; i++) {
      if (!done[i]) {
        found.add(dirty.get(i));
      }
    }
    return found;
  }

  @Override
  public synchronized void attributed(DirtyHour hour) {
    Integer at = index.get(hour);
    if (at != null) {
      done[at] = true;
    }
  }

  private static int lowerBound(long[] sorted, long key) {
    int index = Arrays.binarySearch(sorted, key);
    if (index < 0) {
      return -index - 1;
    }
    while (index > 0 && sorted[index - 1] == key) {
      index--;
    }
    return index;
  }
}
