package io.yardmaster.testing;

import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Stored jobs for the unit tests of the job loops, in the states the loops find them in. */
public final class StoredJobs {
  public static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

  private StoredJobs() {}

  public static SparkBatch pi() {
    return new SparkBatch(
        "local:/opt/spark/examples/jars/spark-examples.jar",
        "org.apache.spark.examples.SparkPi",
        List.of("100"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        "4g",
        2,
        2,
        null,
        null,
        Map.of());
  }

  /** A QUEUED job of {@code team} on cluster alpha, created at {@code createdAt}. */
  public static Job queued(String id, String team, Instant createdAt, long cores, long memoryMb) {
    JobRequest request =
        new JobRequest(pi(), new JobTarget("alpha", List.of(), null, null), JobLabels.NONE);
    return new Job(
        id,
        team,
        null,
        "hash-" + id,
        request,
        createdAt,
        cores,
        memoryMb,
        JobProgress.queued("waiting", createdAt));
  }

  public static Job queued(String id) {
    return queued(id, "risk", T0, 5, 10_418);
  }

  /** The job claimed for {@code cluster} at {@code at}, its submission's lease 45 s on. */
  public static Job submitting(Job job, String cluster, Instant at) {
    return job.with(
        job.progress().toBuilder()
            .moveTo(JobState.SUBMITTING, at)
            .cluster(cluster, "named in the request")
            .attempt(at.plus(Duration.ofSeconds(45)))
            .build(at));
  }

  /** The job sent to {@code cluster} at {@code at}: Livy created batch {@code batchId}. */
  public static Job starting(Job job, String cluster, int batchId, Instant at) {
    Job claimed = submitting(job, cluster, at);
    return claimed.with(
        claimed.progress().toBuilder()
            .moveTo(JobState.STARTING, at)
            .batch(batchId, claimed.livyName())
            .lease(null)
            .build(at));
  }

  /** The job running as {@code appId}. */
  public static Job running(Job job, String cluster, int batchId, String appId, Instant at) {
    Job started = starting(job, cluster, batchId, at);
    return started.with(
        started.progress().toBuilder()
            .moveTo(JobState.RUNNING, at)
            .app(appId, null, null)
            .build(at));
  }
}
