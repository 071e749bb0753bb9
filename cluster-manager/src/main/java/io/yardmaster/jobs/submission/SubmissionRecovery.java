package io.yardmaster.jobs.submission;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.BatchLookup;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.jobs.tracking.Observations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a job left in SUBMITTING (a crash, a timeout, a 5xx): looks for its batch in Livy's list
 * by name, then for its app in YARN by tag, and only when neither has it puts it back in QUEUED for
 * another attempt. If a peer cannot be asked, the job stays SUBMITTING and is retried next tick: a
 * job is never resubmitted on a guess.
 */
@Singleton
public final class SubmissionRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionRecovery.class);

  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final ClusterRegistry registry;
  private final NeverSent neverSent;

  public SubmissionRecovery(
      JdbcJobStore store, ComputeBackend backend, ClusterRegistry registry, NeverSent neverSent) {
    this.store = store;
    this.backend = backend;
    this.registry = registry;
    this.neverSent = neverSent;
  }

  public void resolve(Job job, Instant now) {
    Optional<ClusterConfig> cluster =
        Optional.ofNullable(job.progress().cluster()).flatMap(registry::cluster);
    if (cluster.isEmpty()) {
      requeue(job, "was being submitted to an unknown cluster; routing again", now);
      return;
    }
    try {
      Optional<BatchStatus> batch = BatchLookup.ours(backend, cluster.get(), job);
      if (batch.isPresent()) {
        LOG.info(
            "job {} found in Livy as batch {} after an unknown outcome",
            job.id(),
            batch.get().id());
        JobProgress found =
            job.progress().toBuilder()
                .moveTo(JobState.STARTING, now)
                .batch(batch.get().id(), batch.get().name())
                .lease(null)
                .build(now);
        store
            .update(job, found)
            .ifPresent(
                starting ->
                    Observations.fromBatch(starting, batch.get(), now)
                        .ifPresent(next -> store.update(starting, next)));
        return;
      }
      List<ApplicationStatus> apps = backend.applicationsTagged(cluster.get(), job.tag());
      if (!apps.isEmpty()) {
        LOG.info("job {} found in YARN as {} after an unknown outcome", job.id(), apps.get(0).id());
        Observations.fromApplication(job, apps.get(0), now)
            .ifPresent(next -> store.update(job, next));
        return;
      }
      requeue(job, "the last submission never reached Livy; submitting again", now);
    } catch (BackendException e) {
      LOG.warn("cannot resolve job {} yet: {}", job.id(), e.getMessage());
    }
  }

  /** Neither Livy nor YARN has the job: it is proven never sent, and may be sent again. */
  private void requeue(Job job, String reason, Instant now) {
    store
        .update(job, job.progress().toBuilder().requeue(now, reason).batch(null, null).build(now))
        .ifPresent(requeued -> neverSent.prove(requeued.id()));
  }
}
