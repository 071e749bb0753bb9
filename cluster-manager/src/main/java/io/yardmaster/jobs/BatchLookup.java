package io.yardmaster.jobs;

import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads Livy's whole batch list a page at a time: one cluster's batches by id. */
public final class BatchLookup {
  static final int PAGE = 10_000;
  static final int MAX_PAGES = 200;

  private BatchLookup() {}

  public static Map<Integer, BatchStatus> all(ComputeBackend backend, ClusterConfig cluster) {
    Map<Integer, BatchStatus> byId = new HashMap<>();
    int from = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      ComputeBackend.BatchPage batches = backend.batches(cluster, from, PAGE);
      for (BatchStatus batch : batches.batches()) {
        byId.put(batch.id(), batch);
      }
      from += batches.batches().size();
      if (batches.batches().isEmpty() || from >= batches.total()) {
        break;
      }
    }
    return byId;
  }

  /**
   * This job's batch, known by its name (never by id alone: Livy reuses ids after a restart). The
   * batch id the job stored is asked for first, one request; only when Livy has no such batch or it
   * is another's (a restarted Livy) is the whole list read.
   */
  public static Optional<BatchStatus> ours(ComputeBackend backend, ClusterConfig cluster, Job job) {
    Integer stored = job.progress().livyBatchId();
    if (stored != null) {
      Optional<BatchStatus> byId =
          backend.batch(cluster, stored).filter(batch -> job.ownsBatch(batch.name()));
      if (byId.isPresent()) {
        return byId;
      }
    }
    return all(backend, cluster).values().stream()
        .filter(batch -> job.ownsBatch(batch.name()))
        .findFirst();
  }
}
