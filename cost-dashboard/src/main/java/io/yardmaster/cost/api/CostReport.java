package io.yardmaster.cost.api;

import io.yardmaster.cost.api.CostAnswer.Row;
import io.yardmaster.cost.api.CostAnswer.Totals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the groups {@link CostStore} read into the answer, by the query's idle mode and scope. All
 * sums are of integer micro-dollars, so every set's rows add up to its totals and the sets to the
 * window's, exactly.
 *
 * <ul>
 *   <li>separate: a row is its apps' cost (CPU + memory); the pool-hours' idle is the row {@code
 *       __idle__}.
 *   <li>share: each row adds its apps' {@code idle_share_micros}; {@code __idle__} is what the
 *       sharing left (the IDLE rows' remainder).
 *   <li>cause: each row adds the warm-up and drain tail its apps caused ({@code
 *       idle_cause_micros}); {@code __idle__} is the rest.
 * </ul>
 *
 * A query scoped to some apps (a team token, or a filter on team, DAG, task, run, queue, user, job
 * or app) never sees the pools' raw idle: with separate, {@code __idle__} is the scoped apps' share
 * of it; with share it is folded in as for everyone; with cause only what they caused.
 */
final class CostReport {
  static final String IDLE = "__idle__";
  static final String UNALLOCATED = "__unallocated__";

  private CostReport() {}

  static CostAnswer of(CostQuery query, CostStore.Read read, CostLinks links) {
    List<Dimension> naming = naming(query.aggregate());
    int sets = query.sets();
    List<Map<String, Sums>> rows = new ArrayList<>();
    for (int i = 0; i < sets; i++) {
      rows.add(new LinkedHashMap<>());
    }
    for (CostGroup group : read.groups()) {
      if (group.set() < 0 || group.set() >= sets) {
        continue; // cannot happen for rows inside the window; never let one break the answer
      }
      Map<String, Sums> set = rows.get(group.set());
      if (group.idle()) {
        long amount =
            switch (query.idle()) {
              case SEPARATE -> group.cost();
              case SHARE -> group.idleShare();
              case CAUSE -> group.idleCause();
            };
        idleRow(set, group, naming).addIdle(amount, group);
        continue;
      }
      Map<Dimension, String> labels = labels(group, naming);
      String name = name(labels, naming);
      Sums sums = set.computeIfAbsent(name, unused -> new Sums(name, labels));
      long idle;
      long failedIdle;
      switch (query.idle()) {
        case SHARE -> {
          idle = group.idleShare();
          failedIdle = group.failedShare();
        }
        case CAUSE -> {
          idle = group.idleCause();
          failedIdle = group.failedCause();
        }
        default -> {
          idle = 0;
          failedIdle = 0;
        }
      }
      sums.addApps(group, idle, failedIdle);
      if (query.idle() == IdleMode.SEPARATE && query.scopedToApps() && group.idleShare() != 0) {
        idleRow(set, group, naming).addIdle(group.idleShare(), group);
      }
    }
    List<CostAnswer.Set> answerSets = new ArrayList<>();
    Sums window = new Sums("", Map.of());
    long step = query.step() == null ? 0 : query.step().toMillis();
    for (int i = 0; i < sets; i++) {
      long start = query.window().startMillis() + i * step;
      long end =
          step == 0
              ? query.window().endMillis()
              : Math.min(start + step, query.window().endMillis());
      Sums total = new Sums("", Map.of());
      List<Sums> ordered =
          rows.get(i).values().stream()
              .sorted(Comparator.comparingLong(Sums::cost).reversed().thenComparing(Sums::name))
              .toList();
      List<Row> answerRows = new ArrayList<>();
      for (Sums sums : ordered) {
        answerRows.add(sums.row(links));
        total.add(sums);
      }
      window.add(total);
      total.runs = read.setRuns().getOrDefault(i, 0L);
      answerSets.add(
          new CostAnswer.Set(
              Instant.ofEpochMilli(start).toString(),
              Instant.ofEpochMilli(end).toString(),
              answerRows,
              total.totals()));
    }
    window.runs = read.totalRuns();
    List<String> filters = new ArrayList<>();
    query
        .filters()
        .forEach(
            (dimension, values) ->
                values.forEach(value -> filters.add(dimension.wireName() + ":" + value)));
    return new CostAnswer(
        query.window().start().toString(),
        query.window().end().toString(),
        query.aggregate().stream().map(Dimension::wireName).toList(),
        query.step() == null ? "none" : stepText(query),
        query.idle().wireName(),
        filters,
        "USD",
        answerSets,
        window.totals());
  }

  /** The dimensions of a row's name: each asked for, preceded by those it implies. */
  static List<Dimension> naming(List<Dimension> aggregate) {
    Set<Dimension> naming = new LinkedHashSet<>();
    for (Dimension dimension : aggregate) {
      for (Dimension implied : dimension.withImplied()) {
        if (implied != dimension) {
          naming.add(implied);
        }
      }
      naming.add(dimension);
    }
    return List.copyOf(naming);
  }

  private static String stepText(CostQuery query) {
    long hours = query.step().toHours();
    return hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
  }

  private static Map<Dimension, String> labels(CostGroup group, List<Dimension> naming) {
    Map<Dimension, String> labels = new EnumMap<>(Dimension.class);
    for (Dimension dimension : naming) {
      labels.put(dimension, group.labels().getOrDefault(dimension, ""));
    }
    return labels;
  }

  private static String name(Map<Dimension, String> labels, List<Dimension> naming) {
    List<String> parts = new ArrayList<>();
    for (Dimension dimension : naming) {
      String value = labels.get(dimension);
      parts.add(value.isEmpty() ? UNALLOCATED : value);
    }
    return String.join("/", parts);
  }

  /** The idle row of a set: one, or one per cluster and pool when the query aggregates by them. */
  private static Sums idleRow(Map<String, Sums> set, CostGroup group, List<Dimension> naming) {
    Map<Dimension, String> labels = new EnumMap<>(Dimension.class);
    StringBuilder name = new StringBuilder(IDLE);
    for (Dimension dimension : naming) {
      if (!dimension.labelsApps()) {
        String value = group.labels().getOrDefault(dimension, "");
        labels.put(dimension, value);
        name.append('/').append(value);
      }
    }
    String key = name.toString();
    return set.computeIfAbsent(key, unused -> new Sums(key, labels));
  }

  /** A row's running sums, in micro-dollars and integer seconds. */
  private static final class Sums {
    final String name;
    final Map<Dimension, String> labels;
    long cpu;
    long memory;
    long idle;
    long failed;
    long succeeded;
    long vcoreSeconds;
    long memoryMbSeconds;
    long runs;
    long firstHour = Long.MAX_VALUE;
    long lastHour = Long.MIN_VALUE;

    Sums(String name, Map<Dimension, String> labels) {
      this.name = name;
      this.labels = labels;
    }

    String name() {
      return name;
    }

    long cost() {
      return cpu + memory + idle;
    }

    void addApps(CostGroup group, long idleShare, long failedIdle) {
      cpu += group.cpu();
      memory += group.memory();
      idle += idleShare;
      failed += group.failedCost() + failedIdle;
      succeeded += group.cost() - group.failedCost();
      vcoreSeconds += group.vcoreSeconds();
      memoryMbSeconds += group.memoryMbSeconds();
      runs += group.runs();
      hours(group);
    }

    void addIdle(long amount, CostGroup group) {
      idle += amount;
      hours(group);
    }

    private void hours(CostGroup group) {
      firstHour = Math.min(firstHour, group.firstHour());
      lastHour = Math.max(lastHour, group.lastHour());
    }

    void add(Sums other) {
      cpu += other.cpu;
      memory += other.memory;
      idle += other.idle;
      failed += other.failed;
      succeeded += other.succeeded;
      vcoreSeconds += other.vcoreSeconds;
      memoryMbSeconds += other.memoryMbSeconds;
    }

    Row row(CostLinks links) {
      Map<String, String> properties = new LinkedHashMap<>();
      labels.forEach((dimension, value) -> properties.put(dimension.wireName(), value));
      return new Row(
          name,
          properties,
          Money.dollars(cost()),
          cost(),
          Money.dollars(cpu),
          Money.dollars(memory),
          Money.dollars(idle),
          Money.dollars(failed),
          Money.ratio(vcoreSeconds, 3600, 3),
          Money.ratio(memoryMbSeconds, 1024L * 3600, 3),
          runs,
          efficiency(),
          firstHour == Long.MAX_VALUE ? "" : Instant.ofEpochMilli(firstHour).toString(),
          lastHour == Long.MIN_VALUE ? "" : Instant.ofEpochMilli(lastHour).toString(),
          name.startsWith(IDLE) ? Map.of() : links.of(labels));
    }

    Totals totals() {
      return new Totals(
          Money.dollars(cost()),
          cost(),
          Money.dollars(cpu),
          Money.dollars(memory),
          Money.dollars(idle),
          Money.dollars(failed),
          Money.ratio(vcoreSeconds, 3600, 3),
          Money.ratio(memoryMbSeconds, 1024L * 3600, 3),
          runs,
          efficiency());
    }

    private String efficiency() {
      return cost() == 0 ? null : Money.ratio(succeeded, cost(), 4);
    }
  }
}
