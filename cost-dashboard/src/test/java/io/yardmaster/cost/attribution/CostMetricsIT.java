package io.yardmaster.cost.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yardmaster.cost.metrics.CostMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The teams' cost of the last whole hour as Prometheus gauges, on both databases: idle shared back,
 * untagged apps and the unshared idle under their own names, the 51st team onwards in {@code
 * __other__}, the running hour left out, and the gauges adding up to the hour's bill.
 */
class CostMetricsIT {
  private static final Instant LAST_HOUR = Instant.parse("2026-11-30T10:00:00Z");
  private static final Instant NOW = LAST_HOUR.plusSeconds(3600 + 900);

  @ParameterizedTest
  @EnumSource(CostDatabases.Kind.class)
  void eachTeamsLastHourWithItsIdleShareAndTheRestBounded(CostDatabases.Kind kind) {
    DataSource dataSource = CostDatabases.fresh(kind);
    AllocationStore store = new AllocationStore(dataSource);
    List<CostAllocation> rows = new ArrayList<>();
    long bill = 0;
    for (int team = 0; team < 55; team++) {
      // Team t costs (100 - t) dollars plus a dollar of idle share: team-54 is the cheapest.
      rows.add(app("application_1_" + team, "team-" + team, (100 - team) * 1_000_000L, 1_000_000));
      bill += (100 - team) * 1_000_000L;
    }
    rows.add(app("application_1_900", "", 7_000_000, 500_000));
    // The idle: 55 dollars shared to the teams, 0.50 to the untagged app, 2.25 to no app.
    rows.add(idle(57_750_000, 2_250_000));
    bill += 7_000_000 + 57_750_000;
    store.replace("alpha", LAST_HOUR, rows);
    // The hour now running is a cost so far: not reported.
    store.replace(
        "alpha",
        LAST_HOUR.plusSeconds(3600),
        List.of(app(LAST_HOUR.plusSeconds(3600), "application_1_1", "team-0", 999_000_000)));
    store.replace(
        "alpha",
        LAST_HOUR.minusSeconds(3600),
        List.of(app(LAST_HOUR.minusSeconds(3600), "application_1_2", "team-0", 1)));

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new CostMetrics(meters, dataSource, null, Clock.fixed(NOW, ZoneOffset.UTC));

    Map<String, Double> gauges = new TreeMap<>();
    for (Gauge gauge : meters.find("yardmaster.team.cost.last.hour.dollars").gauges()) {
      gauges.put(gauge.getId().getTag("team"), gauge.value());
    }
    assertThat(gauges).containsEntry("team-0", 101.0).containsEntry("team-49", 52.0);
    assertThat(gauges).doesNotContainKeys("team-50", "team-54");
    // team-50 .. team-54: 51 + 50 + 49 + 48 + 47 dollars.
    assertThat(gauges).containsEntry("__other__", 245.0);
    assertThat(gauges).containsEntry("__untagged__", 7.5).containsEntry("__idle__", 2.25);
    assertThat(gauges).hasSize(53);
    double sum = gauges.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(Math.round(sum * 1_000_000)).isEqualTo(bill);
  }

  private static CostAllocation app(String app, String team, long cost, long idleShare) {
    return row(LAST_HOUR, CostAllocation.Kind.APP, app, team, cost, idleShare);
  }

  private static CostAllocation app(Instant hour, String app, String team, long cost) {
    return row(hour, CostAllocation.Kind.APP, app, team, cost, 0);
  }

  /** The pool-hour's idle row: {@code remainder} of the idle is no app's share. */
  private static CostAllocation idle(long idle, long remainder) {
    return row(LAST_HOUR, CostAllocation.Kind.IDLE, "", "", idle, remainder);
  }

  private static CostAllocation row(
      Instant hour, CostAllocation.Kind kind, String app, String team, long cost, long idle) {
    return new CostAllocation(
        hour,
        "alpha",
        "alpha-ondemand",
        kind,
        app,
        team,
        "dag",
        "task",
        "run",
        1,
        -1,
        "job",
        "root.default",
        "svc",
        "SUCCEEDED",
        10,
        20,
        cost / 2,
        cost - cost / 2,
        cost,
        idle,
        0);
  }
}
