package io.yardmaster.cost.attribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes {@code cost_allocation} (V25): an hour's rows are replaced in one transaction (delete, the
 * new rows, and the hour's {@link CostSummary}), so a reader sees the old hour or the new one,
 * never half of it. On PostgreSQL the rows go in by {@code COPY} (one stream per hour: binding 22
 * parameters per row in multi-row {@code INSERT}s took nine tenths of a month's attribution);
 * elsewhere (H2) by multi-row {@code INSERT}s.
 */
public final class AllocationStore {
  static final int ROWS_PER_INSERT = 200;
  private static final String TABLE =
      "cost_allocation (hour_start, cluster, pool, kind, app_id, team, dag_id,"
          + " task_id, run_id, try_number, map_index, job_id, queue, yarn_user, final_status,"
          + " vcore_seconds, memory_mb_seconds, cpu_micros, memory_micros, cost_micros,"
          + " idle_share_micros, idle_cause_micros)";
  private static final String COLUMNS = "INSERT INTO " + TABLE + " VALUES ";
  private static final String COPY = "COPY " + TABLE + " FROM STDIN (FORMAT csv)";
  private static final String ROW =
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FULL_INSERT = insert(ROWS_PER_INSERT);

  private final DataSource dataSource;

  public AllocationStore(DataSource dataSource) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** Replaces the rows of {@code cluster}'s hour with {@code rows} (all of that cluster-hour). */
  public void replace(String cluster, Instant hourStart, List<CostAllocation> rows) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM cost_allocation WHERE hour_start = ? AND cluster = ?")) {
          delete.setLong(1, hourStart.toEpochMilli());
          delete.setString(2, cluster);
          delete.executeUpdate();
        }
        if (connection.isWrapperFor(PGConnection.class)) {
          PostgresCopy.write(connection.unwrap(PGConnection.class), COPY, rows, cluster, hourStart);
        } else {
          insertRows(connection, rows, cluster, hourStart);
        }
        CostSummary.replace(connection, cluster, hourStart, rows);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cost_allocation of " + cluster + " at " + hourStart + " not written: " + e.getMessage(),
          e);
    }
  }

  private static void insertRows(
      Connection connection, List<CostAllocation> rows, String cluster, Instant hourStart)
      throws SQLException {
    int full = rows.size() / ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement insert = connection.prepareStatement(FULL_INSERT)) {
        for (int chunk = 0; chunk < full; chunk++) {
          bind(insert, rows, chunk * ROWS_PER_INSERT, ROWS_PER_INSERT, cluster, hourStart);
          insert.executeUpdate();
        }
      }
    }
    int rest = rows.size() - full * ROWS_PER_INSERT;
    if (rest > 0) {
      try (PreparedStatement insert = connection.prepareStatement(insert(rest))) {
        bind(insert, rows, full * ROWS_PER_INSERT, rest, cluster, hourStart);
        insert.executeUpdate();
      }
    }
  }

  private static void bind(
      PreparedStatement insert,
      List<CostAllocation> rows,
      int from,
      int count,
      String cluster,
      Instant hourStart)
      throws SQLException {
    int i = 1;
    for (int r = from; r < from + count; r++) {
      CostAllocation row = rows.get(r);
      checkBelongs(row, cluster, hourStart);
      insert.setLong(i++, row.hourStart().toEpochMilli());
      insert.setString(i++, row.cluster());
      insert.setString(i++, row.pool());
      insert.setString(i++, row.kind().name());
      insert.setString(i++, row.appId());
      insert.setString(i++, row.team());
      insert.setString(i++, row.dagId());
      insert.setString(i++, row.taskId());
      insert.setString(i++, row.runId());
      insert.setInt(i++, row.tryNumber());
      insert.setInt(i++, row.mapIndex());
      insert.setString(i++, row.jobId());
      insert.setString(i++, row.queue());
      insert.setString(i++, row.yarnUser());
      insert.setString(i++, row.finalStatus());
      insert.setLong(i++, row.vcoreSeconds());
      insert.setLong(i++, row.memoryMbSeconds());
      insert.setLong(i++, row.cpuMicros());
      insert.setLong(i++, row.memoryMicros());
      insert.setLong(i++, row.costMicros());
      insert.setLong(i++, row.idleShareMicros());
      insert.setLong(i++, row.idleCauseMicros());
    }
  }

  /** Every row of a replacement is of its cluster-hour: a stray row would outlive its own hour. */
  static void checkBelongs(CostAllocation row, String cluster, Instant hourStart) {
    if (!row.cluster().equals(cluster) || !row.hourStart().equals(hourStart)) {
      throw new IllegalArgumentException(
          "a row of " + row.cluster() + " at " + row.hourStart() + " among " + cluster);
    }
  }

  private static String insert(int rows) {
    StringBuilder sql = new StringBuilder(COLUMNS.length() + rows * (ROW.length() + 2));
    sql.append(COLUMNS);
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sql.append(", ");
      }
      sql.append(ROW);
    }
    return sql.toString();
  }
}
