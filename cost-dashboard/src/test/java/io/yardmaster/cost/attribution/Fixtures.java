package io.yardmaster.cost.attribution;

import io.yardmaster.core.registry.Priority;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Apps, VMs and price books for attribution tests. */
final class Fixtures {
  static final String CLUSTER = "c1";
  static final String SKU = "Standard_E16s_v5";
  static final String REGION = "westeurope";
  static final int VCORES = 16;
  static final long MEMORY_MB = 112 * 1024;

  private Fixtures() {}

  static Instant at(String time) {
    return Instant.parse("2026-11-30T" + time + "Z");
  }

  static VmSpan vm(String pool, String id, Priority priority, Instant start, Instant end) {
    return new VmSpan(CLUSTER, pool, id, SKU, REGION, priority, start, end, VCORES, MEMORY_MB);
  }

  static VmSpan vm(String pool, String id, Instant start, Instant end) {
    return vm(pool, id, Priority.ON_DEMAND, start, end);
  }

  static AppUsage app(
      String id, Instant launched, Instant finished, long vcoreSeconds, long memoryMbSeconds) {
    return new AppUsage(
        CLUSTER,
        id,
        launched,
        launched,
        finished,
        finished == null ? launched : finished,
        vcoreSeconds,
        memoryMbSeconds,
        0,
        0,
        List.of("ym-job-" + id, "ym-team-risk", "ym-dag-daily", "ym-task-load", "ym-run-r1"),
        "default",
        "spark",
        "SUCCEEDED");
  }

  /** A versioned price book: per key, rows valid from an instant on. */
  static final class Prices implements PriceBook {
    private final Map<String, TreeMap<Instant, Long>> rows = new HashMap<>();

    Prices set(Priority priority, Instant validFrom, long microsPerHour) {
      return set(SKU, REGION, priority, validFrom, microsPerHour);
    }

    Prices set(String sku, String region, Priority priority, Instant validFrom, long micros) {
      rows.computeIfAbsent(sku + "|" + region + "|" + priority, k -> new TreeMap<>())
          .put(validFrom, micros);
      return this;
    }

    @Override
    public OptionalLong microsPerHour(String sku, String region, Priority priority, Instant at) {
      TreeMap<Instant, Long> versions = rows.get(sku + "|" + region + "|" + priority);
      if (versions == null) {
        return OptionalLong.empty();
      }
      Map.Entry<Instant, Long> row = versions.floorEntry(at);
      return row == null ? OptionalLong.empty() : OptionalLong.of(row.getValue());
    }
  }

  static Prices flat(long onDemand, long spot) {
    return new Prices()
        .set(Priority.ON_DEMAND, Instant.EPOCH, onDemand)
        .set(Priority.SPOT, Instant.EPOCH, spot);
  }
}
