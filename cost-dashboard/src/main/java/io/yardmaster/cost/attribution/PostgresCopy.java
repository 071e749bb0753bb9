package io.yardmaster.cost.attribution;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;

/**
 * An hour's {@code cost_allocation} rows, or their {@link CostSummary}, as one {@code COPY ... FROM
 * STDIN (FORMAT csv)} stream, in the column order of {@link AllocationStore} and of {@link
 * CostSummary#COLUMNS}. Every text is quoted (a label may hold commas, quotes or line breaks);
 * numbers are written as they are.
 */
final class PostgresCopy {
  private PostgresCopy() {}

  static void write(
      PGConnection connection,
      String copy,
      List<CostAllocation> rows,
      String cluster,
      Instant hourStart)
      throws SQLException {
    copy(connection, copy, rows, cluster, hourStart, PostgresCopy::allocation);
  }

  /** The summary's rows ({@link CostSummary#COLUMNS}): the allocation's less the app's labels. */
  static void writeSummary(
      PGConnection connection,
      String copy,
      List<CostAllocation> rows,
      String cluster,
      Instant hourStart)
      throws SQLException {
    copy(connection, copy, rows, cluster, hourStart, PostgresCopy::summary);
  }

  private static void copy(
      PGConnection connection,
      String copy,
      List<CostAllocation> rows,
      String cluster,
      Instant hourStart,
      BiConsumer<StringBuilder, CostAllocation> line)
      throws SQLException {
    StringBuilder csv = new StringBuilder(rows.size() * 256);
    for (CostAllocation row : rows) {
      AllocationStore.checkBelongs(row, cluster, hourStart);
      line.accept(csv, row);
      csv.append('\n');
    }
    try (Reader in = new StringReader(csv.toString())) {
      connection.getCopyAPI().copyIn(copy, in);
    } catch (IOException e) {
      throw new SQLException("COPY of " + copy + " failed: " + e.getMessage(), e);
    }
  }

  private static void allocation(StringBuilder csv, CostAllocation row) {
    csv.append(row.hourStart().toEpochMilli());
    text(csv, row.cluster());
    text(csv, row.pool());
    text(csv, row.kind().name());
    text(csv, row.appId());
    text(csv, row.team());
    text(csv, row.dagId());
    text(csv, row.taskId());
    text(csv, row.runId());
    number(csv, row.tryNumber());
    number(csv, row.mapIndex());
    text(csv, row.jobId());
    text(csv, row.queue());
    text(csv, row.yarnUser());
    text(csv, row.finalStatus());
    sums(csv, row);
  }

  private static void summary(StringBuilder csv, CostAllocation row) {
    csv.append(row.hourStart().toEpochMilli());
    text(csv, row.cluster());
    text(csv, row.pool());
    text(csv, row.kind().name());
    text(csv, row.team());
    text(csv, row.dagId());
    text(csv, row.runId());
    text(csv, row.queue());
    text(csv, row.yarnUser());
    text(csv, row.finalStatus());
    sums(csv, row);
  }

  private static void sums(StringBuilder csv, CostAllocation row) {
    number(csv, row.vcoreSeconds());
    number(csv, row.memoryMbSeconds());
    number(csv, row.cpuMicros());
    number(csv, row.memoryMicros());
    number(csv, row.costMicros());
    number(csv, row.idleShareMicros());
    number(csv, row.idleCauseMicros());
  }

  private static void text(StringBuilder csv, String value) {
    csv.append(",\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        csv.append('"');
      }
      csv.append(c);
    }
    csv.append('"');
  }

  private static void number(StringBuilder csv, long value) {
    csv.append(',').append(value);
  }
}
