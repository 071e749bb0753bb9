package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts jobs: validates, then stores the job (QUEUED) before anything reaches Livy. With an
 * idempotency key, the database's unique (team, key) decides which of two racing requests made the
 * job; the other gets that job, or a 409 naming the fields that differ.
 */
@Singleton
public final class JobService {
  private final JdbcJobStore store;
  private final JobRequestValidator validator;
  private final RequestFingerprint fingerprint;
  private final TeamRepository teams;
  private final Clock clock;

  public JobService(
      JdbcJobStore store,
      JobRequestValidator validator,
      JsonMapper json,
      TeamRepository teams,
      Clock clock) {
    this.store = store;
    this.validator = validator;
    this.fingerprint = new RequestFingerprint(json);
    this.teams = teams;
    this.clock = clock;
  }

  /** The job a submission made or found again. */
  public record Submitted(Job job, boolean created) {
    public Submitted {
      requireNonNull(job, "job is null");
    }
  }

  public Submitted submit(Caller caller, @Nullable String idempotencyKey, JobRequest request) {
    String team = caller.teamOrFail();
    if (idempotencyKey != null) {
      validator.validateKey(idempotencyKey);
    }
    validator.validate(request);
    teams.findById(team).ifPresent(quotas -> checkQuotas(quotas, request));
    String hash = fingerprint.hash(request);
    if (idempotencyKey != null) {
      Job existing = store.findByKey(team, idempotencyKey).orElse(null);
      if (existing != null) {
        return same(existing, hash, request);
      }
    }
    Instant now = clock.instant();
    Job job =
        new Job(
            UUID.randomUUID().toString(),
            team,
            idempotencyKey,
            hash,
            request,
            now,
            JobProgress.queued("waiting for the submitter", now));
    if (store.insert(job)) {
      return new Submitted(job, true);
    }
    Job winner =
        store
            .findByKey(team, idempotencyKey)
            .orElseThrow(() -> new IllegalStateException("a duplicate key without a job"));
    return same(winner, hash, request);
  }

  /** A job the caller may see; another team's job is a 404, as if it did not exist. */
  public Job visible(Caller caller, String id) {
    return store
        .find(id)
        .filter(job -> caller.owns(job.team()))
        .orElseThrow(
            () -> new ApiException(ApiErrorCode.JOB_NOT_FOUND, "no job with id '" + id + "'"));
  }

  /** A job bigger than its team's quotas would wait in QUEUED forever: refuse it now. */
  private static void checkQuotas(Team team, JobRequest request) {
    JobSize size = JobSize.of(request.batch());
    List<String> problems = new ArrayList<>();
    if (size.cores() > team.maxCores()) {
      problems.add(
          "batch: needs "
              + size.cores()
              + " cores (driver and executors); team "
              + team.name()
              + " may use "
              + team.maxCores()
              + " (max-cores)");
    }
    if (size.memoryMb() > team.maxMemoryMb()) {
      problems.add(
          "batch: needs "
              + size.memoryMb()
              + " MB with YARN's overhead; team "
              + team.name()
              + " may use "
              + team.maxMemoryMb()
              + " MB (max-memory-mb)");
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.TOO_LARGE_FOR_QUOTA,
          "the job can never start within team " + team.name() + "'s quotas",
          problems);
    }
  }

  /**
   * The ETag of a job the caller may see, when it still equals {@code ifNoneMatch} — read without
   * loading the job, so the Airflow provider's conditional polls stay cheap.
   */
  public Optional<String> unchanged(
      Caller caller, String id, String ifNoneMatch, boolean evenIfRunning) {
    return store
        .stamp(id)
        .filter(stamp -> caller.owns(stamp.team()))
        .filter(stamp -> evenIfRunning || stamp.state().terminal())
        .map(stamp -> JobView.etag(id, stamp.version()))
        .filter(ifNoneMatch::equals);
  }

  private Submitted same(Job existing, String hash, JobRequest request) {
    if (existing.requestHash().equals(hash)) {
      return new Submitted(existing, false);
    }
    List<String> differing = fingerprint.differences(existing.request(), request);
    throw new ApiException(
        ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
        "this Idempotency-Key was used for job "
            + existing.id()
            + " with a different request; differing fields: "
            + String.join(", ", differing),
        differing);
  }
}
