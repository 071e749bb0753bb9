package io.yardmaster.cost.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.CostAllocation.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The invariant over random days: for every pool-hour, the APP rows' cost and the IDLE row's add up
 * to the bill to the micro-dollar (the bill recomputed here second by second), and so do the idle
 * shares and the idle causes to the idle; nothing is negative; the rows do not depend on the order
 * of the inputs. Seeds 1..N ({@code -Dyardmaster.test.seeds=N}, {@code -Dyardmaster.test.seed=S}
 * for one); a failure names its seed.
 */
class AttributionPropertyTest {
  static final long HOUR = 3_600_000;
  static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
  static final String[][] SKUS = {
    {"Standard_E16s_v5", "16", "114688"}, {"Standard_D8s_v5", "8", "28672"}
  };

  @Test
  void everyPoolHourAddsUpToItsBillOnRandomDays() {
    String one = System.getProperty("yardmaster.test.seed");
    if (one != null) {
      check(Long.parseLong(one));
      return;
    }
    int seeds = Integer.getInteger("yardmaster.test.seeds", 120);
    for (long seed = 1; seed <= seeds; seed++) {
      check(seed);
    }
  }

  private static void check(long seed) {
    try {
      day(seed);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "failed with seed " + seed + " (-Dyardmaster.test.seed=" + seed + ")", e);
    }
  }

  private static void day(long seed) {
    Random random = new Random(seed);
    long day = DAY.toEpochMilli();
    Instant asOf = Instant.ofEpochMilli(day + 24 * HOUR + random.nextInt(3) * 1_800_000L);
    AttributionModel model =
        new AttributionModel(
            random.nextInt(1_000_001),
            Duration.ofMinutes(random.nextInt(40)),
            Duration.ofMinutes(random.nextInt(60)));
    Fixtures.Prices prices = new Fixtures.Prices();
    for (String[] sku : SKUS) {
      for (Priority priority : Priority.values()) {
        prices.set(sku[0], "r", priority, Instant.EPOCH, 1 + random.nextInt(5_000_000));
        int changes = random.nextInt(4);
        for (int i = 0; i < changes; i++) {
          prices.set(
              sku[0],
              "r",
              priority,
              Instant.ofEpochMilli(day + (long) (random.nextDouble() * 24 * HOUR)),
              random.nextInt(8_000_000));
        }
      }
    }
    List<VmSpan> vms = new ArrayList<>();
    int pools = 1 + random.nextInt(3);
    for (int p = 0; p < pools; p++) {
      String[] sku = SKUS[random.nextInt(SKUS.length)];
      Priority priority = random.nextBoolean() ? Priority.ON_DEMAND : Priority.SPOT;
      int count = random.nextInt(5);
      for (int v = 0; v < count; v++) {
        long start = day - 2 * HOUR + (long) (random.nextDouble() * 26 * HOUR);
        long length = 1 + (long) (random.nextDouble() * (random.nextBoolean() ? 60_000 : 6 * HOUR));
        Instant end = random.nextInt(5) == 0 ? null : Instant.ofEpochMilli(start + length);
        vms.add(
            new VmSpan(
                Fixtures.CLUSTER,
                "pool-" + p,
                "vm-" + p + "-" + v,
                sku[0],
                "r",
                priority,
                Instant.ofEpochMilli(start),
                end,
                Integer.parseInt(sku[1]),
                Long.parseLong(sku[2])));
      }
    }
    List<AppUsage> apps = new ArrayList<>();
    int count = random.nextInt(60);
    for (int a = 0; a < count; a++) {
      long launched = day - HOUR + (long) (random.nextDouble() * 25 * HOUR);
      long length = random.nextInt(10) == 0 ? 0 : (long) (random.nextDouble() * 5 * HOUR);
      boolean running = random.nextInt(6) == 0;
      long observed = Math.min(asOf.toEpochMilli(), launched + length);
      // up to twice a VM's worth at once: some hours are overcommitted
      long vcoreSeconds = (long) (random.nextDouble() * 32 * Math.max(1, length / 1000));
      long memorySeconds = (long) (random.nextDouble() * 229_376 * Math.max(1, length / 1000));
      List<String> tags =
          random.nextBoolean()
              ? List.of("ym-team-t" + random.nextInt(3), "ym-dag-d" + random.nextInt(5))
              : List.of();
      apps.add(
          new AppUsage(
              Fixtures.CLUSTER,
              "application_" + seed + "_" + a,
              Instant.ofEpochMilli(launched - random.nextInt(600_000)),
              Instant.ofEpochMilli(launched),
              running ? null : Instant.ofEpochMilli(launched + length),
              Instant.ofEpochMilli(running ? Math.max(launched, observed) : launched + length),
              random.nextInt(20) == 0 ? 0 : vcoreSeconds,
              memorySeconds,
              0,
              0,
              tags,
              "q" + random.nextInt(2),
              "u",
              random.nextBoolean() ? "SUCCEEDED" : "FAILED"));
    }
    Map<String, Long> bills = referenceBills(vms, prices, asOf.toEpochMilli());
    HourAttribution engine = new HourAttribution(model);
    for (int hour = 0; hour < 25; hour++) {
      Instant start = Instant.ofEpochMilli(day + hour * HOUR);
      List<CostAllocation> rows =
          engine.attribute(Fixtures.CLUSTER, start, asOf, apps, vms, prices);
      checkHour(start, rows, bills);
      List<AppUsage> shuffledApps = new ArrayList<>(apps);
      List<VmSpan> shuffledVms = new ArrayList<>(vms);
      Collections.shuffle(shuffledApps, random);
      Collections.shuffle(shuffledVms, random);
      assertThat(engine.attribute(Fixtures.CLUSTER, start, asOf, shuffledApps, shuffledVms, prices))
          .as("the same rows whatever the order of the inputs")
          .isEqualTo(rows);
    }
  }

  private static void checkHour(Instant start, List<CostAllocation> rows, Map<String, Long> bills) {
    Map<String, long[]> sums = new HashMap<>(); // app cost, app share, app cause
    Map<String, CostAllocation> idles = new HashMap<>();
    for (CostAllocation row : rows) {
      assertThat(row.hourStart()).isEqualTo(start);
      long[] values = {
        row.vcoreSeconds(),
        row.memoryMbSeconds(),
        row.cpuMicros(),
        row.memoryMicros(),
        row.costMicros(),
        row.idleShareMicros(),
        row.idleCauseMicros()
      };
      for (long value : values) {
        assertThat(value).as("nothing negative: %s", row).isNotNegative();
      }
      assertThat(row.cpuMicros() + row.memoryMicros()).isEqualTo(row.costMicros());
      if (row.kind() == Kind.IDLE) {
        assertThat(idles.put(row.pool(), row)).as("one IDLE row per pool-hour").isNull();
      } else {
        long[] sum = sums.computeIfAbsent(row.pool(), k -> new long[3]);
        sum[0] += row.costMicros();
        sum[1] += row.idleShareMicros();
        sum[2] += row.idleCauseMicros();
      }
    }
    assertThat(sums.keySet()).isSubsetOf(idles.keySet());
    for (Map.Entry<String, Long> bill : bills.entrySet()) {
      String[] key = bill.getKey().split("\\|");
      if (Long.parseLong(key[1]) == start.toEpochMilli() && bill.getValue() > 0) {
        assertThat(idles).as("an IDLE row for billed pool %s", key[0]).containsKey(key[0]);
      }
    }
    for (CostAllocation idle : idles.values()) {
      long[] sum = sums.getOrDefault(idle.pool(), new long[3]);
      long bill = bills.getOrDefault(idle.pool() + "|" + start.toEpochMilli(), 0L);
      assertThat(sum[0] + idle.costMicros())
          .as("APP + IDLE = the bill of %s", idle.pool())
          .isEqualTo(bill);
      assertThat(sum[1] + idle.idleShareMicros())
          .as("shares + remainder = idle")
          .isEqualTo(idle.costMicros());
      assertThat(sum[2] + idle.idleCauseMicros())
          .as("causes + remainder = idle")
          .isEqualTo(idle.costMicros());
    }
  }

  /** Each pool-hour's bill, second by second: Σ price at each billed second's start / 3600. */
  private static Map<String, Long> referenceBills(
      List<VmSpan> vms, Fixtures.Prices prices, long asOf) {
    Map<String, Long> numerators = new HashMap<>();
    for (VmSpan vm : vms) {
      long start = vm.start().toEpochMilli();
      long stop = vm.end() == null ? asOf : Math.min(asOf, vm.end().toEpochMilli());
      long seconds = (Math.max(0, stop - start) + 999) / 1000;
      for (long k = 0; k < seconds; k++) {
        long t = start + k * 1000;
        if (t >= asOf) {
          break;
        }
        long hour = Math.floorDiv(t, HOUR) * HOUR;
        long price =
            prices
                .microsPerHour(vm.sku(), vm.region(), vm.priority(), Instant.ofEpochMilli(t))
                .orElseThrow();
        numerators.merge(vm.pool() + "|" + hour, price, Long::sum);
      }
    }
    Map<String, Long> bills = new HashMap<>();
    numerators.forEach((key, numerator) -> bills.put(key, (numerator + 1800) / 3600));
    return bills;
  }
}
