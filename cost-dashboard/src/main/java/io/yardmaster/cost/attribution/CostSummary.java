package io.yardmaster.cost.attribution;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * {@code cost_summary} (V26): the sums of {@code cost_allocation} without the labels that only name
 * an app (app, job, task, try, map index). {@link AllocationStore} writes an hour's summary from
 * the rows it writes, in the same transaction, so a reader of either table sees the same hour;
 * {@link #rewrite} computes the same from the stored rows, for rows written another way (V26's
 * backfill is the same statement).
 */
public final class CostSummary {
  static final String COLUMNS =
      "cost_summary (hour_start, cluster, pool, kind, team, dag_id, run_id, queue, yarn_user,"
          + " final_status, vcore_seconds, memory_mb_seconds, cpu_micros, memory_micros,"
          + " cost_micros, idle_share_micros, idle_cause_micros)";
  private static final String COPY = "COPY " + COLUMNS + " FROM STDIN (FORMAT csv)";
  private static final String INSERT =
      "INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LABELS =
      "hour_start, cluster, pool, kind, team, dag_id, run_id, queue, yarn_user, final_status";
  private static final String SUMS =
      "SUM(vcore_seconds), SUM(memory_mb_seconds), SUM(cpu_micros), SUM(memory_micros),"
          + " SUM(cost_micros), SUM(idle_share_micros), SUM(idle_cause_micros)";

  private CostSummary() {}

  /** The summary rows of one cluster-hour's allocation rows: app labels blank, sums added. */
  static List<CostAllocation> of(List<CostAllocation> rows) {
    Map<List<Object>, CostAllocation> sums = new LinkedHashMap<>();
    for (CostAllocation row : rows) {
      List<Object> key =
          List.of(
              row.hourStart(),
              row.cluster(),
              row.pool(),
              row.kind(),
              row.team(),
              row.dagId(),
              row.runId(),
              row.queue(),
              row.yarnUser(),
              row.finalStatus());
      sums.merge(key, withoutApp(row), CostSummary::add);
    }
    return List.copyOf(sums.values());
  }

  /** Replaces the summary of {@code cluster}'s hour with that of its new allocation rows. */
  static void replace(
      Connection connection, String cluster, Instant hourStart, List<CostAllocation> rows)
      throws SQLException {
    long hour = hourStart.toEpochMilli();
    // One cluster-hour by equality on the (hour_start, cluster) index, like cost_allocation's own
    // delete; rewrite() deletes a range because it serves any span of hours.
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM cost_summary WHERE hour_start = ? AND cluster = ?")) {
      delete.setLong(1, hour);
      delete.setString(2, cluster);
      delete.executeUpdate();
    }
    List<CostAllocation> summary = of(rows);
    if (connection.isWrapperFor(PGConnection.class)) {
      PostgresCopy.writeSummary(
          connection.unwrap(PGConnection.class), COPY, summary, cluster, hourStart);
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (CostAllocation row : summary) {
        AllocationStore.checkBelongs(row, cluster, hourStart);
        int i = 1;
        insert.setLong(i++, hour);
        for (String text :
            List.of(
                row.cluster(),
                row.pool(),
                row.kind().name(),
                row.team(),
                row.dagId(),
                row.runId(),
                row.queue(),
                row.yarnUser(),
                row.finalStatus())) {
          insert.setString(i++, text);
        }
        for (long sum :
            new long[] {
              row.vcoreSeconds(),
              row.memoryMbSeconds(),
              row.cpuMicros(),
              row.memoryMicros(),
              row.costMicros(),
              row.idleShareMicros(),
              row.idleCauseMicros()
            }) {
          insert.setLong(i++, sum);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Replaces the summary of the hours in [{@code fromHour}, {@code toHour}) (epoch milliseconds) of
   * {@code cluster}, or of every cluster when it is null, with the sums of their stored allocation
   * rows: what {@link AllocationStore} writes, for rows that reached {@code cost_allocation}
   * another way.
   */
  public static void rewrite(
      Connection connection, long fromHour, long toHour, @Nullable String cluster)
      throws SQLException {
    delete(connection, fromHour, toHour, cluster);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO cost_summary SELECT "
                + LABELS
                + ", "
                + SUMS
                + " FROM cost_allocation"
                + where(cluster)
                + " GROUP BY "
                + LABELS)) {
      bind(insert, fromHour, toHour, cluster);
      insert.executeUpdate();
    }
  }

  private static void delete(
      Connection connection, long fromHour, long toHour, @Nullable String cluster)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM cost_summary" + where(cluster))) {
      bind(delete, fromHour, toHour, cluster);
      delete.executeUpdate();
    }
  }

  private static String where(@Nullable String cluster) {
    return " WHERE hour_start >= ? AND hour_start < ?"
        + (cluster == null ? "" : " AND cluster = ?");
  }

  private static CostAllocation withoutApp(CostAllocation row) {
    return new CostAllocation(
        row.hourStart(),
        row.cluster(),
        row.pool(),
        row.kind(),
        "",
        row.team(),
        row.dagId(),
        "",
        row.runId(),
        -1,
        -1,
        "",
        row.queue(),
        row.yarnUser(),
        row.finalStatus(),
        row.vcoreSeconds(),
        row.memoryMbSeconds(),
        row.cpuMicros(),
        row.memoryMicros(),
        row.costMicros(),
        row.idleShareMicros(),
        row.idleCauseMicros());
  }

  private static CostAllocation add(CostAllocation a, CostAllocation b) {
    return new CostAllocation(
        a.hourStart(),
        a.cluster(),
        a.pool(),
        a.kind(),
        "",
        a.team(),
        a.dagId(),
        "",
        a.runId(),
        -1,
        -1,
        "",
        a.queue(),
        a.yarnUser(),
        a.finalStatus(),
        a.vcoreSeconds() + b.vcoreSeconds(),
        a.memoryMbSeconds() + b.memoryMbSeconds(),
        a.cpuMicros() + b.cpuMicros(),
        a.memoryMicros() + b.memoryMicros(),
        a.costMicros() + b.costMicros(),
        a.idleShareMicros() + b.idleShareMicros(),
        a.idleCauseMicros() + b.idleCauseMicros());
  }

  private static void bind(
      PreparedStatement statement, long fromHour, long toHour, @Nullable String cluster)
      throws SQLException {
    statement.setLong(1, fromHour);
    statement.setLong(2, toHour);
    if (cluster != null) {
      statement.setString(3, cluster);
    }
  }
}
