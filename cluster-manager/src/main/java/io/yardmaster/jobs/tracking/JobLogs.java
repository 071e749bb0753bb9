package io.yardmaster.jobs.tracking;

import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchLog;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.BatchLookup;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.api.JobLog;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads a job's Livy submit log, from our batch found by name (ids are reused after restarts). */
@Singleton
public final class JobLogs {
  private final ComputeBackend backend;
  private final ClusterRegistry registry;

  public JobLogs(ComputeBackend backend, ClusterRegistry registry) {
    this.backend = backend;
    this.registry = registry;
  }

  public JobLog log(Job job, int from, int size) {
    String diagnostics = job.progress().diagnostics();
    Optional<ClusterConfig> cluster =
        Optional.ofNullable(job.progress().cluster()).flatMap(registry::cluster);
    if (cluster.isEmpty() || job.progress().livyBatchId() == null) {
      return new JobLog(
          job.id(), job.state(), null, null, List.of(), diagnostics, "not submitted to Livy yet");
    }
    try {
      Optional<BatchStatus> batch = BatchLookup.ours(backend, cluster.get(), job);
      Optional<BatchLog> log =
          batch.flatMap(found -> backend.log(cluster.get(), found.id(), from, size));
      if (log.isEmpty()) {
        return new JobLog(
            job.id(),
            job.state(),
            null,
            null,
            List.of(),
            diagnostics,
            "Livy no longer has this batch (it forgets finished batches); see the driver log");
      }
      return new JobLog(
          job.id(),
          job.state(),
          log.get().from(),
          log.get().total(),
          log.get().lines(),
          diagnostics,
          null);
    } catch (BackendException e) {
      return new JobLog(
          job.id(),
          job.state(),
          null,
          null,
          List.of(),
          diagnostics,
          "Livy cannot be asked now: " + e.getMessage());
    }
  }
}
