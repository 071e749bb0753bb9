package io.yardmaster.jobs.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.metrics.Meters;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.policy.EffectiveConf;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.web.teams.Team;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sends one claimed (SUBMITTING) job to its cluster's Livy and writes what became of it: STARTING
 * with its batch; back to QUEUED when nothing was created (proven never sent, so no look-up is
 * needed before the next attempt); FAILED when Livy refused the request itself; still SUBMITTING,
 * its lease ended, when the outcome is unknown, for recovery to look the batch up.
 *
 * <p>{@code yardmaster_job_submission_seconds} (by cluster) times each job from its acceptance to
 * the batch Livy created: the wait in the queue and every retry included.
 */
@Singleton
public final class BatchSender {
  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final LivyCircuitBreaker breaker;
  private final NeverSent neverSent;
  private final Clock clock;
  private final MeterRegistry meters;

  public BatchSender(
      JdbcJobStore store,
      ComputeBackend backend,
      LivyCircuitBreaker breaker,
      NeverSent neverSent,
      Clock clock,
      @Nullable MeterRegistry meters) {
    this.store = store;
    this.backend = backend;
    this.breaker = breaker;
    this.neverSent = neverSent;
    this.clock = clock;
    this.meters = Meters.orNone(meters);
  }

  /** Sends the job; true when Livy created its batch. */
  boolean send(Job job, Team team, ClusterConfig cluster, EffectiveConf conf) {
    BatchSubmission submission = Submissions.of(job, team, conf);
    try {
      BatchStatus batch = backend.submit(cluster, submission);
      breaker.succeeded(cluster.name());
      Instant at = clock.instant();
      settle(
          job,
          next ->
              next.moveTo(JobState.STARTING, at)
                  .batch(batch.id(), submission.name())
                  .app(batch.appId(), batch.sparkUiUrl(), batch.driverLogUrl())
                  .lease(null),
          at);
      Timer.builder("yardmaster.job.submission")
          .description("from a job's acceptance to the batch Livy created for it")
          .tag("cluster", cluster.name())
          .serviceLevelObjectives(Meters.latencyBuckets())
          .register(meters)
          .record(waited(job.createdAt(), at));
      return true;
    } catch (BackendException e) {
      switch (e.kind()) {
        case NOT_SENT, OUTCOME_UNKNOWN -> breaker.failed(cluster.name(), e.getMessage());
        case BUSY, REJECTED, DUPLICATE -> breaker.succeeded(cluster.name());
      }
      Instant at = clock.instant();
      settle(job, next -> failed(next, e, cluster.name(), at), at);
      if (e.kind() == BackendException.Kind.NOT_SENT || e.kind() == BackendException.Kind.BUSY) {
        neverSent.prove(job.id());
      }
      return false;
    }
  }

  /**
   * From acceptance to now, never negative: the job may have been accepted on a replica whose clock
   * is a little ahead (and the database rounds times to the microsecond); a timer drops negatives.
   */
  private static Duration waited(Instant acceptedAt, Instant now) {
    Duration waited = Duration.between(acceptedAt, now);
    return waited.isNegative() ? Duration.ZERO : waited;
  }

  private static JobProgress.Builder failed(
      JobProgress.Builder next, BackendException e, String cluster, Instant now) {
    return switch (e.kind()) {
      case NOT_SENT, BUSY ->
          next.requeue(now, "submission to " + cluster + " failed, retrying: " + e.getMessage());
      case REJECTED ->
          next.moveTo(JobState.FAILED, now)
              .outcome("REJECTED", "Livy on " + cluster + " refused the batch: " + e.getMessage());
      case DUPLICATE, OUTCOME_UNKNOWN ->
          next.lease(now).diagnostics("outcome unknown, looking for the app: " + e.getMessage());
    };
  }

  /**
   * Writes what became of a submission. A kill recorded while Livy was being called changes the
   * row, so the compare-and-set fails: apply the outcome again to the fresh row (which carries the
   * kill) rather than leave the job to lease recovery.
   */
  private void settle(Job job, UnaryOperator<JobProgress.Builder> outcome, Instant now) {
    Job current = job;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (store
          .update(current, outcome.apply(current.progress().toBuilder()).build(now))
          .isPresent()) {
        return;
      }
      Optional<Job> fresh = store.find(job.id());
      if (fresh.isEmpty() || fresh.get().state() != JobState.SUBMITTING) {
        return;
      }
      current = fresh.get();
    }
  }
}
