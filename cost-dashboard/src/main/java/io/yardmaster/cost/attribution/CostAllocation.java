package io.yardmaster.cost.attribution;

import java.time.Instant;

/**
 * One row of {@code cost_allocation} (V25): an app's part of a pool-hour ({@link Kind#APP}) or what
 * no app used ({@link Kind#IDLE}). Money in micro-dollars. For each (hour, cluster, pool) the rows'
 * {@code costMicros} add up to the pool-hour's bill, and so do their {@code idleShareMicros} and
 * {@code idleCauseMicros} to its idle.
 */
public record CostAllocation(
    Instant hourStart,
    String cluster,
    String pool,
    Kind kind,
    String appId,
    String team,
    String dagId,
    String taskId,
    String runId,
    int tryNumber,
    int mapIndex,
    String jobId,
    String queue,
    String yarnUser,
    String finalStatus,
    long vcoreSeconds,
    long memoryMbSeconds,
    long cpuMicros,
    long memoryMicros,
    long costMicros,
    long idleShareMicros,
    long idleCauseMicros) {

  /** An app's row, or the pool-hour's idle. */
  public enum Kind {
    APP,
    IDLE
  }
}
