package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A stored job: what was asked (never changes) and how far it got ({@link JobProgress}, changed
 * only by compare-and-set on its version).
 */
public record Job(
    String id,
    String team,
    @Nullable String idempotencyKey,
    String requestHash,
    JobRequest request,
    Instant createdAt,
    JobProgress progress) {
  public Job {
    requireNonNull(id, "id is null");
    requireNonNull(team, "team is null");
    requireNonNull(requestHash, "requestHash is null");
    requireNonNull(request, "request is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(progress, "progress is null");
  }

  public JobState state() {
    return progress.state();
  }

  public Job with(JobProgress next) {
    return new Job(id, team, idempotencyKey, requestHash, request, createdAt, next);
  }

  /** The tag that finds this job's app in YARN and its batch in Livy. */
  public String tag() {
    return JobTags.jobTag(id);
  }
}
