package io.yardmaster.cost.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An hour's rows written and replaced on both databases we ship, by {@code COPY} on PostgreSQL and
 * multi-row {@code INSERT}s on H2: every text comes back exactly (labels with commas, quotes, line
 * breaks, '=' and non-ASCII, the CSV's own syntax), a replacement leaves none of the old rows, and
 * a row of another hour fails the whole replacement, leaving the hour as it was.
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

    List<CostAllocation> fewer = rows.subList(0, 3);
    store.replace("alpha", HOUR, fewer);
    assertThat(read(dataSource)).containsExactlyInAnyOrderElementsOf(fewer);

    List<CostAllocation> stray = new ArrayList<>(rows.subList(0, 5));
    stray.add(row(HOUR.plusSeconds(3600), "application_2_1", "x", 1));
    assertThatThrownBy(() -> store.replace("alpha", HOUR, stray))
        .hasMessageContaining("a row of alpha at 2026-11-30T11:00:00Z");
    assertThat(read(dataSource)).containsExactlyInAnyOrderElementsOf(fewer);
  }

  private static CostAllocation row(Instant hour, String app, String label, long n) {
    return new CostAllocation(
        hour,
        "alpha",
        "alpha-ondemand",
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
