package io.yardmaster.jobs.tracking;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what Livy or YARN says about an app into the job's next progress, or empty when nothing
 * changes. Livy's {@code recovering} changes nothing: the batch is still ours.
 */
public final class Observations {
  private Observations() {}

  public static Optional<JobProgress> fromBatch(Job job, BatchStatus batch, Instant now) {
    JobState next =
        switch (batch.state()) {
          case NOT_STARTED, STARTING -> JobState.STARTING;
          case RECOVERING, UNKNOWN -> job.state();
          case IDLE, RUNNING, BUSY, SHUTTING_DOWN -> JobState.RUNNING;
          case SUCCESS -> JobState.SUCCEEDED;
          case ERROR, DEAD -> job.progress().killRequested() ? JobState.KILLED : JobState.FAILED;
          case KILLED -> JobState.KILLED;
        };
    String finalStatus =
        next.terminal() ? "livy:" + batch.state().name().toLowerCase(java.util.Locale.ROOT) : null;
    return change(
        job,
        next,
        batch.id(),
        batch.appId(),
        batch.sparkUiUrl(),
        batch.driverLogUrl(),
        finalStatus,
        null,
        now);
  }

  public static Optional<JobProgress> fromApplication(Job job, ApplicationStatus app, Instant now) {
    String finalStatus = app.finalStatus() == null ? "UNDEFINED" : app.finalStatus();
    JobState next =
        switch (app.state()) {
          case "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED" -> JobState.STARTING;
          case "RUNNING" -> JobState.RUNNING;
          case "KILLED" -> JobState.KILLED;
          case "FAILED" -> JobState.FAILED;
          case "FINISHED" ->
              switch (finalStatus) {
                case "SUCCEEDED" -> JobState.SUCCEEDED;
                case "KILLED" -> JobState.KILLED;
                default -> JobState.FAILED;
              };
          default -> job.state();
        };
    return change(
        job,
        next,
        job.progress().livyBatchId(),
        app.id(),
        app.trackingUrl(),
        app.amContainerLogs(),
        next.terminal() ? "yarn:" + finalStatus : null,
        app.diagnostics() == null || app.diagnostics().isBlank() ? null : app.diagnostics(),
        now);
  }

  private static Optional<JobProgress> change(
      Job job,
      JobState next,
      Integer batchId,
      String appId,
      String sparkUi,
      String driverLog,
      String finalStatus,
      String diagnostics,
      Instant now) {
    JobProgress current = job.progress();
    boolean stateChanges = next != current.state() && current.state().canMoveTo(next);
    boolean appChanges =
        (appId != null && !appId.equals(current.appId()))
            || (sparkUi != null && !sparkUi.equals(current.sparkUiUrl()))
            || (driverLog != null && !driverLog.equals(current.driverLogUrl()));
    boolean batchChanges = batchId != null && !batchId.equals(current.livyBatchId());
    if (!stateChanges && !appChanges && !batchChanges) {
      return Optional.empty();
    }
    JobProgress.Builder builder = current.toBuilder().app(appId, sparkUi, driverLog);
    if (batchChanges) {
      builder.batch(batchId, current.livyName() == null ? job.livyName() : current.livyName());
    }
    if (stateChanges) {
      if (current.state() == JobState.SUBMITTING && next != JobState.STARTING && !next.terminal()) {
        builder.moveTo(JobState.STARTING, now);
      }
      builder.moveTo(next, now).lease(null);
      if (next.terminal()) {
        builder.outcome(finalStatus, diagnostics == null ? current.diagnostics() : diagnostics);
      }
    }
    return Optional.of(builder.build(now));
  }
}
