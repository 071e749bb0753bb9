package io.yardmaster.cost.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An hour's rows written and replaced on both databases we ship, by {@code COPY} on PostgreSQL and
 * multi-row {@code INSERT}s on H2: every text comes back exactly (labels with commas, quotes, line
 * breaks, '=' and non-ASCII, the CSV's own syntax), a replacement leaves none of the old rows, and
 * a row of another hour fails the whole replacement, leaving the hour as it was; the hour's summary
 * (V26) always holds the sums of exactly its rows.
 */
class AllocationStoreIT {
  private static final Instant HOUR = Instant.parse("2026-11-30T10:00:00Z");
  private static final List<String> LABELS =
      List.of("plain", "a,b", "say \"hi\"", "two\nlines", "k=v=w", "dä€😀", "\\N", "", "\"\"");

  @ParameterizedTest
  @EnumSource(CostDatabases.Kind.class)
  void textsComeBackExactlyAndAReplacementLeavesNoOldRow(CostDatabases.Kind kind)
      throws SQLException {
    DataSource dataSource = CostDatabases.fresh(kind);
    AllocationStore store = new AllocationStore(dataSource);
    List<CostAllocation> rows = new ArrayList<>();
    for (int i = 0; i < 450; i++) { // more than two multi-row INSERTs' worth
      rows.add(row(HOUR, "application_1_" + i, LABELS.get(i % LABELS.size()), i));
    }
    store.replace("alpha", HOUR, rows);
    assertThat(read(dataSource)).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(readSummary(dataSource)).isEqualTo(summary(rows)).hasSize(LABELS.size());

    List<CostAllocation> fewer = rows.subList(0, 3);
    store.replace("alpha", HOUR, fewer);
    assertThat(read(dataSource)).containsExactlyInAnyOrderElementsOf(fewer);
    assertThat(readSummary(dataSource)).isEqualTo(summary(fewer)).hasSize(3);

    List<CostAllocation> stray = new ArrayList<>(rows.subList(0, 5));
    stray.add(row(HOUR.plusSeconds(3600), "application_2_1", "x", 1));
    assertThatThrownBy(() -> store.replace("alpha", HOUR, stray))
        .hasMessageContaining("a row of alpha at 2026-11-30T11:00:00Z");
    assertThat(read(dataSource)).containsExactlyInAnyOrderElementsOf(fewer);
    assertThat(readSummary(dataSource)).isEqualTo(summary(fewer));
  }

  /**
   * The summary (V26) holds each hour's sums per label, the same as its SQL definition computes,
   * and a cluster's replacement changes only its own.
   */
  @ParameterizedTest
  @EnumSource(CostDatabases.Kind.class)
  void theSummaryFollowsEachClusterHour(CostDatabases.Kind kind) throws SQLException {
    DataSource dataSource = CostDatabases.fresh(kind);
    AllocationStore store = new AllocationStore(dataSource);
    List<CostAllocation> alpha = new ArrayList<>();
    List<CostAllocation> beta = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      alpha.add(row(HOUR, "application_1_" + i, LABELS.get(i % 2), i));
      beta.add(row(HOUR, "beta", "application_2_" + i, LABELS.get(i % 3), i + 7));
    }
    store.replace("alpha", HOUR, alpha);
    store.replace("beta", HOUR, beta);
    List<CostAllocation> both = new ArrayList<>(alpha);
    both.addAll(beta);
    assertThat(readSummary(dataSource)).isEqualTo(summary(both)).hasSize(5);
    try (Connection connection = dataSource.getConnection()) {
      // The SQL that V26's backfill and the tests use gives what the store wrote.
      CostSummary.rewrite(connection, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }
    assertThat(readSummary(dataSource)).isEqualTo(summary(both));

    store.replace("alpha", HOUR, List.of());
    assertThat(readSummary(dataSource)).isEqualTo(summary(beta)).hasSize(3);
  }

  /** What V26 should hold for these rows, summed here in Java: labels → the seven sums. */
  private static Map<List<Object>, List<Long>> summary(List<CostAllocation> rows) {
    Map<List<Object>, List<Long>> sums = new HashMap<>();
    for (CostAllocation r : rows) {
      List<Object> key =
          List.of(
              r.hourStart().toEpochMilli(),
              r.cluster(),
              r.pool(),
              r.kind().name(),
              r.team(),
              r.dagId(),
              r.runId(),
              r.queue(),
              r.yarnUser(),
              r.finalStatus());
      List<Long> values =
          List.of(
              r.vcoreSeconds(),
              r.memoryMbSeconds(),
              r.cpuMicros(),
              r.memoryMicros(),
              r.costMicros(),
              r.idleShareMicros(),
              r.idleCauseMicros());
      sums.merge(key, values, AllocationStoreIT::add);
    }
    return sums;
  }

  private static List<Long> add(List<Long> a, List<Long> b) {
    List<Long> sum = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      sum.add(a.get(i) + b.get(i));
    }
    return sum;
  }

  private static Map<List<Object>, List<Long>> readSummary(DataSource dataSource)
      throws SQLException {
    Map<List<Object>, List<Long>> rows = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT * FROM cost_summary");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        List<Object> key = new ArrayList<>();
        key.add(row.getLong("hour_start"));
        for (String label :
            List.of(
                "cluster",
                "pool",
                "kind",
                "team",
                "dag_id",
                "run_id",
                "queue",
                "yarn_user",
                "final_status")) {
          key.add(row.getString(label));
        }
        List<Long> values = new ArrayList<>();
        for (String sum :
            List.of(
                "vcore_seconds",
                "memory_mb_seconds",
                "cpu_micros",
                "memory_micros",
                "cost_micros",
                "idle_share_micros",
                "idle_cause_micros")) {
          values.add(row.getLong(sum));
        }
        assertThat(rows.put(List.copyOf(key), List.copyOf(values))).as("one row per key").isNull();
      }
    }
    return rows;
  }

  private static CostAllocation row(Instant hour, String app, String label, long n) {
    return row(hour, "alpha", app, label, n);
  }

  private static CostAllocation row(
      Instant hour, String cluster, String app, String label, long n) {
    return new CostAllocation(
        hour,
        cluster,
        cluster + "-ondemand",
        CostAllocation.Kind.APP,
        app,
        "risk",
        label,
        label + "/task",
        "manual__" + label,
        1,
        -1,
        "job-" + n,
        "root.default",
        "risk-svc",
        "SUCCEEDED",
        n * 10,
        n * 20,
        n * 3,
        n * 2,
        n * 5,
        0,
        n);
  }

  private static List<CostAllocation> read(DataSource dataSource) throws SQLException {
    List<CostAllocation> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT * FROM cost_allocation");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        rows.add(
            new CostAllocation(
                Instant.ofEpochMilli(row.getLong("hour_start")),
                row.getString("cluster"),
                row.getString("pool"),
                CostAllocation.Kind.valueOf(row.getString("kind")),
                row.getString("app_id"),
                row.getString("team"),
                row.getString("dag_id"),
                row.getString("task_id"),
                row.getString("run_id"),
                row.getInt("try_number"),
                row.getInt("map_index"),
                row.getString("job_id"),
                row.getString("queue"),
                row.getString("yarn_user"),
                row.getString("final_status"),
                row.getLong("vcore_seconds"),
                row.getLong("memory_mb_seconds"),
                row.getLong("cpu_micros"),
                row.getLong("memory_micros"),
                row.getLong("cost_micros"),
                row.getLong("idle_share_micros"),
                row.getLong("idle_cause_micros")));
      }
    }
    return rows;
  }
}
