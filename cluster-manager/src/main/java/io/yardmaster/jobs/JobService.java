package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.api.JobLog;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobRequestValidator;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.jobs.policy.JobSize;
import io.yardmaster.jobs.policy.Refusal;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.jobs.store.JobFilter;
import io.yardmaster.jobs.submission.NeverSent;
import io.yardmaster.jobs.tracking.JobKiller;
import io.yardmaster.jobs.tracking.JobLogs;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the jobs API does: accepts jobs (validates, checks every matching cluster's policy and the
 * team's quotas, then stores the job QUEUED before anything reaches Livy), shows a team its own
 * jobs, kills them, reads their logs. With an idempotency key the database's unique (team, key)
 * decides which of two racing requests made the job; the other gets that job, or a 409 naming the
 * fields that differ.
 */
@Singleton
public final class JobService {
  private final JdbcJobStore store;
  private final JobPolicy policy;
  private final RequestFingerprint fingerprint;
  private final TeamRepository teams;
  private final ClusterRegistry registry;
  private final NeverSent neverSent;
  private final JobKiller killer;
  private final JobLogs logs;
  private final Clock clock;

  public JobService(
      JdbcJobStore store,
      JobPolicy policy,
      JsonMapper json,
      TeamRepository teams,
      ClusterRegistry registry,
      NeverSent neverSent,
      JobKiller killer,
      JobLogs logs,
      Clock clock) {
    this.store = store;
    this.policy = policy;
    this.fingerprint = new RequestFingerprint(json);
    this.teams = teams;
    this.registry = registry;
    this.neverSent = neverSent;
    this.killer = killer;
    this.logs = logs;
    this.clock = clock;
  }

  /** The job a submission made or found again. */
  public record Submitted(Job job, boolean created) {
    public Submitted {
      requireNonNull(job, "job is null");
    }
  }

  public Submitted submit(Caller caller, @Nullable String idempotencyKey, JobRequest request) {
    String teamName = caller.teamOrFail();
    if (idempotencyKey != null) {
      JobRequestValidator.validateKey(idempotencyKey);
    }
    JobRequestValidator.validate(request);
    Team team =
        teams
            .findById(teamName)
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiErrorCode.TEAM_NOT_FOUND, "team " + teamName + " is not configured"));
    List<ClusterConfig> clusters = admitting(team, request);
    JobSize size = largest(clusters, team, request);
    checkQuotas(team, size);
    String hash = fingerprint.hash(request);
    if (idempotencyKey != null) {
      Optional<Job> existing = store.findByKey(teamName, idempotencyKey);
      if (existing.isPresent()) {
        return same(existing.get(), hash, request);
      }
    }
    Instant now = clock.instant();
    Job job =
        new Job(
            UUID.randomUUID().toString(),
            teamName,
            idempotencyKey,
            hash,
            request,
            now,
            size.cores(),
            size.memoryMb(),
            JobProgress.queued("waiting for the submitter", now));
    neverSent.prove(job.id());
    if (store.insert(job)) {
      return new Submitted(job, true);
    }
    neverSent.claimed(job.id());
    Job winner =
        store
            .findByKey(teamName, idempotencyKey)
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

  /** The jobs of these ids the caller may see, by id (in one read): absent ids are left out. */
  public Map<String, Job> visible(Caller caller, Collection<String> ids) {
    Map<String, Job> found = new HashMap<>();
    for (Job job : store.findAll(ids)) {
      if (caller.owns(job.team())) {
        found.put(job.id(), job);
      }
    }
    return found;
  }

  /** A page of the jobs the caller may see: a team its own, an admin any team's. */
  public List<Job> list(Caller caller, JobFilter filter, long offset, int limit) {
    if (!caller.admin() && filter.team() != null && !filter.team().equals(caller.team())) {
      return List.of();
    }
    JobFilter scoped =
        caller.admin()
            ? filter
            : new JobFilter(
                filter.state(),
                filter.cluster(),
                caller.team(),
                filter.dagId(),
                filter.taskId(),
                filter.runId(),
                filter.mapIndex(),
                filter.idempotencyKey(),
                filter.createdFrom(),
                filter.createdTo());
    return store.list(scoped, offset, limit);
  }

  public Job kill(Caller caller, String id) {
    return killer.kill(visible(caller, id));
  }

  public JobLog log(Caller caller, String id, int from, int size) {
    return logs.log(visible(caller, id), from, size);
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
        .map(stamp -> JobEtags.of(id, stamp.version()))
        .filter(ifNoneMatch::equals);
  }

  /** The clusters that match the target and take the job; a 400 naming why when none does. */
  private List<ClusterConfig> admitting(Team team, JobRequest request) {
    String named = request.target().cluster();
    if (named != null && registry.cluster(named).isEmpty()) {
      throw ApiException.badRequest(
          ApiErrorCode.CLUSTER_NOT_FOUND,
          "no cluster named '"
              + named
              + "'; known: "
              + registry.clusters().stream().map(ClusterConfig::name).toList(),
          List.of("target.cluster"));
    }
    List<ClusterConfig> candidates = policy.candidates(request.target(), request.batch());
    if (candidates.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.NO_MATCHING_CLUSTER,
          "no cluster has tags "
              + request.target().tags()
              + Optional.ofNullable(JobPolicy.queue(request.target(), request.batch()))
                  .map(q -> ", queue " + q)
                  .orElse("")
              + " and Spark version "
              + Optional.ofNullable(request.target().sparkVersion()).orElse("(any)"),
          List.of("target"));
    }
    List<ClusterConfig> admitting = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    for (ClusterConfig cluster : candidates) {
      policy
          .refusal(cluster, team, request)
          .ifPresentOrElse(refusals::add, () -> admitting.add(cluster));
    }
    if (admitting.isEmpty()) {
      throw refusals.size() == 1 ? refusals.get(0).asBadRequest() : combined(candidates, refusals);
    }
    return admitting;
  }

  /**
   * One 400 for refusals by every matching cluster: their details once when all agree, else each
   * prefixed with its cluster.
   */
  private static ApiException combined(List<ClusterConfig> clusters, List<Refusal> refusals) {
    boolean same = refusals.stream().allMatch(r -> r.details().equals(refusals.get(0).details()));
    List<String> details = new ArrayList<>();
    for (int i = 0; i < refusals.size(); i++) {
      for (String detail : refusals.get(i).details()) {
        details.add(same ? detail : clusters.get(i).name() + ": " + detail);
      }
      if (same) {
        break;
      }
    }
    return ApiException.badRequest(
        refusals.get(0).code(),
        "no matching cluster "
            + clusters.stream().map(ClusterConfig::name).toList()
            + " takes this job",
        details);
  }

  private JobSize largest(List<ClusterConfig> clusters, Team team, JobRequest request) {
    JobSize largest = null;
    for (ClusterConfig cluster : clusters) {
      JobSize size = policy.size(cluster, team, request.batch());
      if (largest == null || size.cores() > largest.cores()) {
        largest = size;
      }
    }
    return largest;
  }

  /** A job bigger than its team's quotas would wait in QUEUED forever: refuse it now. */
  private static void checkQuotas(Team team, JobSize size) {
    List<String> problems = new ArrayList<>();
    if (size.cores() > team.maxCores()) {
      problems.add(
          "batch: needs up to "
              + size.cores()
              + " cores (driver and "
              + size.executors()
              + " executors); team "
              + team.name()
              + " may use "
              + team.maxCores()
              + " (max-cores)");
    }
    if (size.memoryMb() > team.maxMemoryMb()) {
      problems.add(
          "batch: needs up to "
              + size.memoryMb()
              + " MB with YARN's overhead; team "
              + team.name()
              + " may use "
              + team.maxMemoryMb()
              + " MB (max-memory-mb)");
    }
    if (!problems.isEmpty()) {
      if (size.boundedOnlyByCluster()) {
        problems.add(
            "batch.conf.spark.dynamicAllocation.maxExecutors: not set, so the job may grow to the"
                + " whole cluster; set it to bound the job");
      }
      throw new ApiException(
          ApiErrorCode.TOO_LARGE_FOR_QUOTA,
          "the job can never start within team " + team.name() + "'s quotas",
          problems);
    }
  }

  private Submitted same(Job existing, String hash, JobRequest request) {
    if (existing.requestHash().equals(hash)) {
      return new Submitted(existing, false);
    }
    // A hash made by another version of the serialisation: the fields decide.
    List<String> differing = fingerprint.differences(existing.request(), request);
    if (differing.isEmpty()) {
      return new Submitted(existing, false);
    }
    throw new ApiException(
        ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
        "this Idempotency-Key was used for job "
            + existing.id()
            + " with a different request; differing fields: "
            + String.join(", ", differing),
        differing);
  }
}
