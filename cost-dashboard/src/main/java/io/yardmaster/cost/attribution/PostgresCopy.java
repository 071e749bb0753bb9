package io.yardmaster.cost.attribution;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * An hour's {@code cost_allocation} rows as one {@code COPY ... FROM STDIN (FORMAT csv)} stream, in
 * the column order of {@link AllocationStore}. Every text is quoted (a label may hold commas,
 * quotes or line breaks); numbers are written as they are.
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
    StringBuilder csv = new StringBuilder(rows.size() * 256);
    for (CostAllocation row : rows) {
      AllocationStore.checkBelongs(row, cluster, hourStart);
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
      number(csv, row.vcoreSeconds());
      number(csv, row.memoryMbSeconds());
      number(csv, row.cpuMicros());
      number(csv, row.memoryMicros());
      number(csv, row.costMicros());
      number(csv, row.idleShareMicros());
      number(csv, row.idleCauseMicros());
      csv.append('\n');
    }
    try (Reader in = new StringReader(csv.toString())) {
      connection.getCopyAPI().copyIn(copy, in);
    } catch (IOException e) {
      throw new SQLException("COPY of cost_allocation failed: " + e.getMessage(), e);
    }
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
