package io.yardmaster.backend;

import io.yardmaster.core.registry.ClusterConfig;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where Spark batches run: a cluster's Livy server, with its YARN ResourceManager as the source of
 * truth when Livy has forgotten a batch. Every method may throw {@link BackendException}.
 */
public interface ComputeBackend {
  /** Submits a batch; the answer is the batch Livy created. */
  BatchStatus submit(ClusterConfig cluster, BatchSubmission submission);

  /** One page of the batches Livy knows ({@code GET /batches?from=&size=}). */
  BatchPage batches(ClusterConfig cluster, int from, int size);

  /** The YARN applications carrying any of the tags (one ResourceManager query). */
  List<ApplicationStatus> applicationsTagged(ClusterConfig cluster, Collection<String> tags);

  /** The YARN applications carrying a tag. */
  default List<ApplicationStatus> applicationsTagged(ClusterConfig cluster, String tag) {
    return applicationsTagged(cluster, List.of(tag));
  }

  /**
   * One batch by id ({@code GET /batches/{id}}), empty when Livy does not know it. This default
   * reads the list; a backend that can ask for one batch does.
   */
  default Optional<BatchStatus> batch(ClusterConfig cluster, int batchId) {
    for (int from = 0; ; ) {
      BatchPage page = batches(cluster, from, 10_000);
      for (BatchStatus batch : page.batches()) {
        if (batch.id() == batchId) {
          return Optional.of(batch);
        }
      }
      from += page.batches().size();
      if (page.batches().isEmpty() || from >= page.total()) {
        return Optional.empty();
      }
    }
  }

  /** Kills a batch through Livy; false when Livy does not know the id (404). */
  boolean killBatch(ClusterConfig cluster, int batchId);

  /** Kills an application through the ResourceManager. */
  void killApplication(ClusterConfig cluster, String applicationId);

  /** A page of a batch's submit log, empty when Livy does not know the id. */
  Optional<BatchLog> log(ClusterConfig cluster, int batchId, int from, int size);

  /** A page of Livy's batch list. */
  record BatchPage(int from, int total, List<BatchStatus> batches) {
    public BatchPage {
      batches = List.copyOf(batches);
    }
  }
}
