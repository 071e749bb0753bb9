package io.yardmaster.testing;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchLog;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link ComputeBackend} interface answered from lists a unit test sets: what Livy lists, what
 * YARN has by tag, and a failure for every call when Livy or YARN cannot be asked. It records the
 * submissions and kills it was asked for. The ITs use the simulator's emulators behind the real
 * backend instead.
 */
public final class ScriptedBackend implements ComputeBackend {
  public final List<BatchStatus> batches = new ArrayList<>();
  public final List<ApplicationStatus> apps = new ArrayList<>();
  public final List<Integer> batchesKilled = new ArrayList<>();
  public final List<String> appsKilled = new ArrayList<>();
  public BackendException failure;

  /** Batch names whose submission throws a bug-like error (not a BackendException). */
  public final Set<String> brokenNames = new HashSet<>();

  /** Tags whose look-up in YARN throws a bug-like error (not a BackendException). */
  public final Set<String> brokenTags = new HashSet<>();

  /** Every YARN look-up by tag, as "<cluster> <number of tags>", in order. */
  public final List<String> tagQueries = new ArrayList<>();

  /** How many pages of Livy's batch list were read. */
  public int batchPagesRead;

  /** What Livy answers to a DELETE of a batch it lists: true, or false as for a 404. */
  public boolean livyDeletes = true;

  /** What was sent, in order; each becomes a starting batch in {@link #batches}. */
  public final List<BatchSubmission> submitted = new ArrayList<>();

  @Override
  public BatchStatus submit(ClusterConfig cluster, BatchSubmission submission) {
    failIfAsked();
    if (brokenNames.contains(submission.name())) {
      throw new IllegalStateException("scripted: " + submission.name() + " cannot be sent");
    }
    submitted.add(submission);
    BatchStatus created =
        new BatchStatus(batches.size(), submission.name(), BatchState.STARTING, null, null, null);
    batches.add(created);
    return created;
  }

  @Override
  public BatchPage batches(ClusterConfig cluster, int from, int size) {
    failIfAsked();
    batchPagesRead++;
    List<BatchStatus> page =
        batches.subList(Math.min(from, batches.size()), Math.min(batches.size(), from + size));
    return new BatchPage(from, batches.size(), page);
  }

  @Override
  public List<ApplicationStatus> applicationsTagged(
      ClusterConfig cluster, Collection<String> tags) {
    failIfAsked();
    tagQueries.add(cluster.name() + " " + tags.size());
    if (tags.stream().anyMatch(brokenTags::contains)) {
      throw new IllegalStateException("scripted: YARN's answer for " + tags + " cannot be read");
    }
    return apps.stream().filter(app -> app.tags().stream().anyMatch(tags::contains)).toList();
  }

  @Override
  public boolean killBatch(ClusterConfig cluster, int batchId) {
    failIfAsked();
    batchesKilled.add(batchId);
    return livyDeletes && batches.stream().anyMatch(batch -> batch.id() == batchId);
  }

  @Override
  public void killApplication(ClusterConfig cluster, String applicationId) {
    failIfAsked();
    appsKilled.add(applicationId);
  }

  @Override
  public Optional<BatchLog> log(ClusterConfig cluster, int batchId, int from, int size) {
    failIfAsked();
    return Optional.empty();
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }
}
