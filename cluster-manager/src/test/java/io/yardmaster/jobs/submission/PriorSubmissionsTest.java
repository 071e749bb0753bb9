package io.yardmaster.jobs.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.Job;
import io.yardmaster.testing.ScriptedBackend;
import io.yardmaster.testing.StoredJobs;
import io.yardmaster.testing.TestClusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The look-up for earlier submissions costs one Livy list and one YARN query per {@link
 * PriorSubmissions#TAGS_PER_QUERY} jobs, per cluster, whatever the number of jobs: a backfill of
 * thousands of retried jobs must not become thousands of calls.
 */
class PriorSubmissionsTest {
  private static final ClusterConfig ALPHA = TestClusters.named("alpha");
  private static final ClusterConfig BETA = TestClusters.named("beta");
  private final ScriptedBackend backend = new ScriptedBackend();
  private final PriorSubmissions prior = new PriorSubmissions(backend);

  @Test
  void aBackfillCostsOneLivyListAndOneYarnQueryPerFiftyJobsPerCluster() {
    List<Job> jobs = jobs(120);
    PriorSubmissions.Traces traces = prior.find(jobs, job -> List.of(ALPHA, BETA));

    assertThat(traces.foundOn()).isEmpty();
    assertThat(traces.unknown()).isEmpty();
    assertThat(backend.batchPagesRead).isEqualTo(2); // one page per cluster
    assertThat(backend.tagQueries)
        .containsExactly("alpha 50", "alpha 50", "alpha 20", "beta 50", "beta 50", "beta 20");
  }

  @Test
  void aBatchUnderTheJobsNameOrAnAppWithItsTagIsATrace() {
    List<Job> jobs = jobs(3);
    Job inLivy = jobs.get(0);
    Job inYarn = jobs.get(1);
    backend.batches.add(
        new BatchStatus(7, inLivy.livyName(), BatchState.STARTING, null, null, null));
    backend.apps.add(
        new ApplicationStatus(
            "application_1_0001", "RUNNING", null, null, null, null, List.of(inYarn.tag())));

    PriorSubmissions.Traces traces = prior.find(jobs, job -> List.of(ALPHA));

    assertThat(traces.foundOn()).containsOnlyKeys(inLivy.id(), inYarn.id()).containsValue("alpha");
    assertThat(traces.unknown()).isEmpty();
  }

  @Test
  void aClusterThatCannotBeAskedLeavesItsJobsUnknownWithTheReason() {
    backend.failure = new BackendException(BackendException.Kind.NOT_SENT, "Livy is down");
    List<Job> jobs = jobs(2);

    PriorSubmissions.Traces traces = prior.find(jobs, job -> List.of(ALPHA));

    assertThat(traces.foundOn()).isEmpty();
    assertThat(traces.unknown()).hasSize(2);
    assertThat(traces.unknown().values())
        .allMatch(reason -> reason.contains("alpha") && reason.contains("Livy is down"));
  }

  @Test
  void anAnswerThatCannotBeReadLeavesThatClustersJobsUnknownAndTheOtherClusterAnswers() {
    List<Job> jobs = jobs(2);
    backend.brokenTags.add(jobs.get(0).tag());
    backend.apps.add(
        new ApplicationStatus(
            "application_1_0002", "RUNNING", null, null, null, null, List.of(jobs.get(1).tag())));

    PriorSubmissions.Traces traces =
        prior.find(jobs, job -> job == jobs.get(0) ? List.of(ALPHA) : List.of(BETA));

    assertThat(traces.unknown()).containsOnlyKeys(jobs.get(0).id());
    assertThat(traces.foundOn()).containsEntry(jobs.get(1).id(), "beta").hasSize(1);
  }

  private static List<Job> jobs(int count) {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(StoredJobs.queued("job-" + i));
    }
    return Collections.unmodifiableList(jobs);
  }
}
