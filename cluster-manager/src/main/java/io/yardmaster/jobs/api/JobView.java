package io.yardmaster.jobs.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.JobTags;
import java.time.Instant;
import java.util.List;

/** A job as the API shows it. */
@Serdeable
@Schema(name = "Job")
public record JobView(
    String id,
    String team,
    JobState state,
    @Nullable String idempotencyKey,
    @Nullable String cluster,
    @Schema(description = "why this cluster was chosen") @Nullable String routingReason,
    @Schema(description = "why the job is waiting, while QUEUED") @Nullable String queueReason,
    @Nullable Integer livyBatchId,
    @Nullable String livyBatchName,
    @Nullable String applicationId,
    @Nullable String sparkUiUrl,
    @Nullable String driverLogUrl,
    @Nullable String finalStatus,
    @Nullable String diagnostics,
    int attempts,
    boolean killRequested,
    List<String> yarnTags,
    Timestamps timestamps,
    @Schema(
            description =
                "what was asked; null only when the stored request no longer reads, and the job"
                    + " then FAILED with finalStatus UNREADABLE")
        @Nullable
        JobRequest request,
    long version) {

  /** When the job entered each state. */
  @Serdeable
  public record Timestamps(
      Instant created,
      @Nullable Instant submitting,
      @Nullable Instant starting,
      @Nullable Instant running,
      @Nullable Instant finished,
      Instant updated) {}

  public static JobView of(Job job) {
    JobProgress p = job.progress();
    return new JobView(
        job.id(),
        job.team(),
        p.state(),
        job.idempotencyKey(),
        p.cluster(),
        p.routingReason(),
        p.queueReason(),
        p.livyBatchId(),
        p.livyName(),
        p.appId(),
        p.sparkUiUrl(),
        p.driverLogUrl(),
        p.finalStatus(),
        p.diagnostics(),
        p.attempts(),
        p.killRequested(),
        JobTags.of(job.id(), job.team(), job.request().labels()),
        new Timestamps(
            job.createdAt(),
            p.submittingAt(),
            p.startingAt(),
            p.runningAt(),
            p.finishedAt(),
            p.updatedAt()),
        job.request().batch() == null ? null : job.request(),
        p.version());
  }
}
