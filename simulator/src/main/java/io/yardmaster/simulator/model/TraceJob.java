package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/** One row of a workload trace (see {@code traces/README.md}). */
public record TraceJob(
    String jobId,
    long submitSeconds,
    String team,
    String dagId,
    String taskId,
    int executors,
    int executorCores,
    int executorMemoryMb,
    int driverCores,
    int driverMemoryMb,
    long durationSeconds) {
  public TraceJob {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(team, "team is null");
    requireNonNull(dagId, "dagId is null");
    requireNonNull(taskId, "taskId is null");
    if (submitSeconds < 0 || executors < 0 || durationSeconds < 0) {
      throw new IllegalArgumentException("negative submit_s, executors or duration_s in " + jobId);
    }
    if (executorCores < 1 || executorMemoryMb < 1 || driverCores < 1 || driverMemoryMb < 1) {
      throw new IllegalArgumentException("container sizes must be positive in " + jobId);
    }
  }

  /** The application this job submits: queue {@code root.default}, tags naming job/team/DAG. */
  public ApplicationSpec toSpec() {
    return new ApplicationSpec(
        jobId,
        team,
        "root.default",
        List.of("ym-job-" + jobId, "team-" + team, "dag-" + dagId, "task-" + taskId),
        new Resources(driverMemoryMb, driverCores),
        new Resources(executorMemoryMb, executorCores),
        executors,
        Duration.ofSeconds(durationSeconds),
        null);
  }
}
