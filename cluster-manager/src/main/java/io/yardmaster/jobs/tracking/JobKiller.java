package io.yardmaster.jobs.tracking;

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
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a job. QUEUED is simply cancelled. Otherwise the kill is recorded first (so the tracker
 * repeats it until the app is gone), then sent through Livy to our batch (found by name, never by a
 * possibly reused id), or through YARN to the app tagged with the job when Livy lost the batch.
 */
@Singleton
public final class JobKiller {
  private static final Logger LOG = LoggerFactory.getLogger(JobKiller.class);

  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final ClusterRegistry registry;
  private final Clock clock;

  public JobKiller(
      JdbcJobStore store, ComputeBackend backend, ClusterRegistry registry, Clock clock) {
    this.store = store;
    this.backend = backend;
    this.registry = registry;
    this.clock = clock;
  }

  /** Records and sends a kill; returns the job as stored afterwards. */
  public Job kill(Job job) {
    Instant now = clock.instant();
    Job current = job;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (current.state().terminal()) {
        return current;
      }
      JobProgress.Builder next = current.progress().toBuilder().killRequested(now);
      if (current.state() == JobState.QUEUED) {
        next.moveTo(JobState.KILLED, now).outcome("CANCELLED", "killed before submission");
      }
      Optional<Job> stored = store.update(current, next.build(now));
      if (stored.isPresent()) {
        if (stored.get().state() == JobState.STARTING || stored.get().state() == JobState.RUNNING) {
          reach(stored.get());
        }
        return store.find(job.id()).orElse(stored.get());
      }
      current = store.find(job.id()).orElseThrow();
    }
    return current;
  }

  /** Sends the kill to the app: Livy if it still has our batch, else YARN by tag. */
  public void reach(Job job) {
    Optional<ClusterConfig> cluster =
        Optional.ofNullable(job.progress().cluster()).flatMap(registry::cluster);
    if (cluster.isEmpty()) {
      return;
    }
    try {
      Optional<BatchStatus> batch = BatchLookup.ours(backend, cluster.get(), job);
      if (batch.isPresent() && backend.killBatch(cluster.get(), batch.get().id())) {
        return;
      }
      for (ApplicationStatus app : backend.applicationsTagged(cluster.get(), job.tag())) {
        if (!app.finished()) {
          backend.killApplication(cluster.get(), app.id());
        }
      }
    } catch (BackendException e) {
      LOG.warn("kill of job {} not delivered yet: {}", job.id(), e.getMessage());
    }
  }
}
