package io.yardmaster.cost;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One row of {@code cost_allocation} as a test writes it. */
public record AllocationRow(
    long hourStart,
    String cluster,
    String pool,
    String kind,
    String appId,
    String team,
    String dag,
    String task,
    String run,
    int tryNumber,
    String jobId,
    String queue,
    String user,
    String finalStatus,
    long vcoreSeconds,
    long memoryMbSeconds,
    long cpuMicros,
    long memoryMicros,
    long costMicros,
    long idleShareMicros,
    long idleCauseMicros) {

  public boolean app() {
    return kind.equals("APP");
  }

  public boolean failed() {
    return finalStatus.equals("FAILED") || finalStatus.equals("KILLED");
  }

  void bind(PreparedStatement statement) throws SQLException {
    statement.setLong(1, hourStart);
    statement.setString(2, cluster);
    statement.setString(3, pool);
    statement.setString(4, kind);
    statement.setString(5, appId);
    statement.setString(6, team);
    statement.setString(7, dag);
    statement.setString(8, task);
    statement.setString(9, run);
    statement.setInt(10, tryNumber);
    statement.setInt(11, -1);
    statement.setString(12, jobId);
    statement.setString(13, queue);
    statement.setString(14, user);
    statement.setString(15, finalStatus);
    statement.setLong(16, vcoreSeconds);
    statement.setLong(17, memoryMbSeconds);
    statement.setLong(18, cpuMicros);
    statement.setLong(19, memoryMicros);
    statement.setLong(20, costMicros);
    statement.setLong(21, idleShareMicros);
    statement.setLong(22, idleCauseMicros);
  }
}
