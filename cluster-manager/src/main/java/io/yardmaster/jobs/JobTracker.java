package io.yardmaster.jobs;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every submitted job to its end at a cost of O(clusters): per cluster and tick, one paged
 * read of Livy's batch list. A job whose batch Livy no longer has under our name (finished and
 * forgotten, or Livy restarted and reused the id) is looked up in YARN by its tag; it is LOST only
 * when YARN does not know it either.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
public final class JobTracker {
  private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);
  private static final List<JobState> TRACKED = List.of(JobState.STARTING, JobState.RUNNING);
  private static final int LIMIT = 100_000;
  private static final int MAX_YARN_LOOKUPS = 200;

  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final ClusterRegistry registry;
  private final JobKiller killer;
  private final Clock clock;
  private final Duration startGrace;

  public JobTracker(
      JdbcJobStore store,
      ComputeBackend backend,
      ClusterRegistry registry,
      JobKiller killer,
      Clock clock,
      @Property(name = "yardmaster.jobs.start-grace", defaultValue = "5m") Duration startGrace) {
    this.store = store;
    this.backend = backend;
    this.registry = registry;
    this.killer = killer;
    this.clock = clock;
    this.startGrace = startGrace;
  }

  @Scheduled(fixedDelay = "${yardmaster.jobs.track-interval:2s}", initialDelay = "1s")
  void tick() {
    for (ClusterConfig cluster : registry.clusters()) {
      try {
        runOnce(cluster, clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("tracking {} failed; retrying next tick", cluster.name(), e);
      }
    }
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
    int yarnLookups = 0;
    for (Job job : jobs) {
      Integer id = job.progress().livyBatchId();
      BatchStatus batch = id == null ? null : batches.get(id);
      if (batch != null && Submissions.isOurs(job, batch.name())) {
        Observations.fromBatch(job, batch, now)
            .map(next -> withYarnDiagnostics(cluster, job, next, now))
            .ifPresent(next -> store.update(job, next));
      } else if (yarnLookups++ < MAX_YARN_LOOKUPS) {
        fromYarn(cluster, job, now);
      }
      if (job.progress().killRequested()) {
        store
            .find(job.id())
            .filter(current -> !current.state().terminal())
            .ifPresent(killer::reach);
      }
    }
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

  private void fromYarn(ClusterConfig cluster, Job job, Instant now) {
    List<ApplicationStatus> apps;
    try {
      apps = backend.applicationsTagged(cluster, job.tag());
    } catch (BackendException e) {
      LOG.warn(
          "YARN on {} cannot be asked about job {}: {}", cluster.name(), job.id(), e.getMessage());
      return;
    }
    if (!apps.isEmpty()) {
      Observations.fromApplication(job, apps.get(0), now)
          .ifPresent(next -> store.update(job, next));
      return;
    }
    Instant since =
        job.progress().startingAt() == null ? job.createdAt() : job.progress().startingAt();
    if (job.state() == JobState.STARTING && since.plus(startGrace).isAfter(now)) {
      return;
    }
    store.update(
        job,
        job.progress().toBuilder()
            .moveTo(JobState.LOST, now)
            .outcome(
                "LOST",
                "Livy no longer has batch "
                    + job.progress().livyBatchId()
                    + " under our name and YARN has no app tagged "
                    + job.tag())
            .build(now));
  }
}
