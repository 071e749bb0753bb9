package io.yardmaster.jobs.tracking;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.BatchLookup;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.JobsConfig;
import io.yardmaster.jobs.store.JdbcJobStore;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every submitted job to its end at a cost of O(clusters): per cluster and tick, one paged
 * read of Livy's batch list, and one ResourceManager query for every {@link #TAGS_PER_QUERY} jobs
 * Livy no longer has under our name (finished and forgotten, or Livy restarted and reused the id),
 * looked up in YARN by tag. A job is LOST only when YARN does not know it either; a job killed
 * before its app existed ends KILLED once no app has appeared for the kill grace. One job's failure
 * is logged with it and never stops the pass.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
public final class JobTracker {
  private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);
  private static final List<JobState> TRACKED = List.of(JobState.STARTING, JobState.RUNNING);
  private static final int LIMIT = 100_000;
  static final int TAGS_PER_QUERY = 50;
  private static final int MAX_YARN_LOOKUPS = 1000;

  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final ClusterRegistry registry;
  private final JobKiller killer;
  private final Duration startGrace;
  private final Duration killGrace;

  public JobTracker(
      JdbcJobStore store,
      ComputeBackend backend,
      ClusterRegistry registry,
      JobKiller killer,
      JobsConfig config) {
    this.store = store;
    this.backend = backend;
    this.registry = registry;
    this.killer = killer;
    this.startGrace = config.startGrace();
    this.killGrace = config.killGrace();
  }

  /** One tracking pass over one cluster. */
  public void runOnce(ClusterConfig cluster, Instant now) {
    List<Job> jobs = store.inStatesOn(cluster.name(), TRACKED, LIMIT);
    if (jobs.isEmpty()) {
      return;
    }
    Map<Integer, BatchStatus> batches;
    try {
      batches = BatchLookup.all(backend, cluster);
    } catch (BackendException e) {
      LOG.warn("Livy on {} cannot list batches ({}); asking YARN", cluster.name(), e.getMessage());
      batches = Map.of();
    }
    List<Job> notInLivy = new ArrayList<>();
    for (Job job : jobs) {
      Integer id = job.progress().livyBatchId();
      BatchStatus batch = id == null ? null : batches.get(id);
      if (batch != null && job.ownsBatch(batch.name())) {
        guarded(job, () -> fromBatch(cluster, job, batch, now));
      } else if (notInLivy.size() < MAX_YARN_LOOKUPS) {
        notInLivy.add(job);
      }
    }
    fromYarn(cluster, notInLivy, now);
    for (Job job : jobs) {
      if (job.progress().killRequested()) {
        guarded(
            job,
            () ->
                store
                    .find(job.id())
                    .filter(current -> !current.state().terminal())
                    .ifPresent(killer::reach));
      }
    }
  }

  private void fromBatch(ClusterConfig cluster, Job job, BatchStatus batch, Instant now) {
    Observations.fromBatch(job, batch, now)
        .map(next -> withYarnDiagnostics(cluster, job, next, now))
        .ifPresent(next -> store.update(job, next));
  }

  /**
   * Livy says only that a batch is dead; YARN says why (Spark's AM puts the exception that ended
   * the driver in the app's diagnostics). One ResourceManager call per failed job, once.
   */
  private JobProgress withYarnDiagnostics(
      ClusterConfig cluster, Job job, JobProgress next, Instant now) {
    if (next.state() != JobState.FAILED) {
      return next;
    }
    try {
      return backend.applicationsTagged(cluster, job.tag()).stream()
          .map(ApplicationStatus::diagnostics)
          .filter(text -> text != null && !text.isBlank())
          .findFirst()
          .map(text -> next.toBuilder().diagnostics(text).build(now))
          .orElse(next);
    } catch (BackendException e) {
      LOG.warn(
          "YARN on {} has no diagnostics for job {}: {}", cluster.name(), job.id(), e.getMessage());
      return next;
    }
  }

  /** Asks YARN, a batch of tags per query, about jobs Livy no longer has under our name. */
  private void fromYarn(ClusterConfig cluster, List<Job> jobs, Instant now) {
    for (int from = 0; from < jobs.size(); from += TAGS_PER_QUERY) {
      List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + TAGS_PER_QUERY));
      Map<String, ApplicationStatus> byTag = new HashMap<>();
      try {
        List<String> tags = chunk.stream().map(Job::tag).toList();
        for (ApplicationStatus app : backend.applicationsTagged(cluster, tags)) {
          app.tags().stream().filter(tags::contains).forEach(tag -> byTag.putIfAbsent(tag, app));
        }
      } catch (RuntimeException e) {
        // A peer's failure or an answer that cannot be read: these jobs wait, the others go on.
        LOG.warn(
            "YARN on {} cannot be asked about {} jobs: {}",
            cluster.name(),
            chunk.size(),
            e.toString());
        continue;
      }
      for (Job job : chunk) {
        guarded(job, () -> fromYarn(job, byTag.get(job.tag()), now));
      }
    }
  }

  private void fromYarn(Job job, ApplicationStatus app, Instant now) {
    if (app != null) {
      Observations.fromApplication(job, app, now).ifPresent(next -> store.update(job, next));
      return;
    }
    JobProgress progress = job.progress();
    if (progress.killRequested()) {
      Instant asked = progress.killRequestedAt() == null ? now : progress.killRequestedAt();
      if (asked.plus(killGrace).isAfter(now)) {
        return;
      }
      store.update(
          job,
          progress.toBuilder()
              .moveTo(JobState.KILLED, now)
              .outcome(
                  "KILLED",
                  "killed before its app started: Livy no longer has batch "
                      + progress.livyBatchId()
                      + " and YARN has had no app tagged "
                      + job.tag()
                      + " for "
                      + killGrace.toSeconds()
                      + " s since the kill")
              .build(now));
      return;
    }
    Instant since = progress.startingAt() == null ? job.createdAt() : progress.startingAt();
    if (job.state() == JobState.STARTING && since.plus(startGrace).isAfter(now)) {
      return;
    }
    store.update(
        job,
        progress.toBuilder()
            .moveTo(JobState.LOST, now)
            .outcome(
                "LOST",
                "Livy no longer has batch "
                    + progress.livyBatchId()
                    + " under our name and YARN has no app tagged "
                    + job.tag())
            .build(now));
  }

  /** Runs one job's step; a failure of it is logged with the job and never stops the pass. */
  private static void guarded(Job job, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("tracking job {} failed; retrying next tick", job.id(), e);
    }
  }
}
