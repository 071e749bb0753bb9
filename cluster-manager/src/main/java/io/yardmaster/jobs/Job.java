package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.api.JobRequest;
import java.time.Instant;

/**
 * A stored job: what was asked (never changes), what it reserves of its team's quotas, and how far
 * it got ({@link JobProgress}, changed only by compare-and-set on its version).
 *
 * @param cores the cores it holds at most on the largest cluster that takes it (driver included)
 * @param memoryMb the memory it holds at most there, with YARN's overheads
 */
public record Job(
    String id,
    String team,
    @Nullable String idempotencyKey,
    String requestHash,
    JobRequest request,
    Instant createdAt,
    long cores,
    long memoryMb,
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
    return new Job(
        id, team, idempotencyKey, requestHash, request, createdAt, cores, memoryMb, next);
  }

  /** The Livy batch name: unique (Livy refuses a duplicate), ending with the job's tag. */
  public String livyName() {
    String name = request.batch() == null ? null : request.batch().name();
    return name == null || name.isBlank() ? tag() : name + " " + tag();
  }

  /** Whether a Livy batch of this name is this job's (never judged by a reusable id alone). */
  public boolean ownsBatch(String batchName) {
    return batchName != null && batchName.endsWith(tag());
  }

  /** The tag that finds this job's app in YARN and its batch in Livy. */
  public String tag() {
    return JobTags.jobTag(id);
  }
}
