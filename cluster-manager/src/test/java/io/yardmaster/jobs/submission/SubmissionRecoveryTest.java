package io.yardmaster.jobs.submission;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.testing.JobStoreContext;
import io.yardmaster.testing.ScriptedBackend;
import io.yardmaster.testing.StoredJobs;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job left SUBMITTING is looked for in Livy by name, then in YARN by tag, and sent again only
 * when neither has it; when they cannot be asked it waits.
 */
class SubmissionRecoveryTest {
  private static final Instant LATER = T0.plusSeconds(60);
  private static JobStoreContext db;
  private ScriptedBackend backend;
  private NeverSent neverSent;
  private SubmissionRecovery recovery;

  @BeforeAll
  static void start() {
    db = new JobStoreContext();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void fresh() {
    backend = new ScriptedBackend();
    neverSent = new NeverSent();
    recovery = new SubmissionRecovery(db.store, backend, db.registry, neverSent);
  }

  private Job stored(String cluster) {
    Job job = StoredJobs.submitting(StoredJobs.queued(UUID.randomUUID().toString()), cluster, T0);
    assertThat(db.store.insert(job)).isTrue();
    return job;
  }

  private Job reread(Job job) {
    return db.store.find(job.id()).orElseThrow();
  }

  @Test
  void aBatchFoundByNameMakesTheJobStartingOrFurther() {
    Job job = stored("alpha");
    backend.batches.add(new BatchStatus(3, "someone else's", BatchState.RUNNING, null, null, null));
    backend.batches.add(
        new BatchStatus(4, job.livyName(), BatchState.RUNNING, "application_1_0004", null, null));
    recovery.resolve(job, LATER);
    Job found = reread(job);
    assertThat(found.state()).isEqualTo(JobState.RUNNING);
    assertThat(found.progress().livyBatchId()).isEqualTo(4);
    assertThat(found.progress().appId()).isEqualTo("application_1_0004");
    assertThat(found.progress().leaseUntil()).isNull();
    assertThat(found.progress().attempts()).isEqualTo(1);
    assertThat(neverSent.proven(job.id())).isFalse();
  }

  @Test
  void anAppFoundInYarnByTagIsTheJobsWhenLivyForgotTheBatch() {
    Job job = stored("alpha");
    // Livy restarted and gave the id to another batch: an id alone proves nothing.
    backend.batches.add(
        new BatchStatus(0, "ym-job-stranger", BatchState.SUCCESS, null, null, null));
    backend.apps.add(
        new ApplicationStatus(
            "application_1_0009", "RUNNING", "UNDEFINED", "", null, null, List.of(job.tag())));
    recovery.resolve(job, LATER);
    Job found = reread(job);
    assertThat(found.state()).isEqualTo(JobState.RUNNING);
    assertThat(found.progress().appId()).isEqualTo("application_1_0009");
    assertThat(found.progress().livyBatchId()).isNull();
  }

  @Test
  void aJobNeitherLivyNorYarnHasIsQueuedAgainAndProvenNeverSent() {
    Job job = stored("alpha");
    recovery.resolve(job, LATER);
    Job requeued = reread(job);
    assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
    assertThat(requeued.progress().queueReason())
        .isEqualTo("the last submission never reached Livy; submitting again");
    assertThat(requeued.progress().refusedBy()).isEqualTo("alpha");
    assertThat(requeued.progress().cluster()).isNull();
    assertThat(requeued.progress().leaseUntil()).isNull();
    assertThat(neverSent.proven(job.id())).isTrue();
  }

  @Test
  void aJobKilledWhileItsSubmissionWasUnknownEndsKilledInsteadOfBeingSentAgain() {
    Job job = stored("alpha");
    Job killed =
        db.store.update(job, job.progress().toBuilder().killRequested(T0).build(T0)).orElseThrow();
    recovery.resolve(killed, LATER);
    Job ended = reread(job);
    assertThat(ended.state()).isEqualTo(JobState.KILLED);
    assertThat(ended.progress().finalStatus()).isEqualTo("CANCELLED");
  }

  @Test
  void whenLivyOrYarnCannotBeAskedTheJobStaysSubmitting() {
    Job job = stored("alpha");
    backend.failure =
        new BackendException(BackendException.Kind.OUTCOME_UNKNOWN, "Livy answered 502");
    recovery.resolve(job, LATER);
    assertThat(reread(job).progress()).isEqualTo(job.progress());
    assertThat(neverSent.proven(job.id())).isFalse();
  }

  @Test
  void aJobClaimedForAClusterNoLongerConfiguredIsRoutedAgain() {
    Job job = stored("retired");
    recovery.resolve(job, LATER);
    Job requeued = reread(job);
    assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
    assertThat(requeued.progress().queueReason()).contains("unknown cluster");
  }

  @Test
  void aStaleCopyOfTheJobChangesNothing() {
    Job job = stored("alpha");
    db.store.update(job, job.progress().toBuilder().diagnostics("moved on").build(T0));
    recovery.resolve(job, LATER);
    Job current = reread(job);
    assertThat(current.state()).isEqualTo(JobState.SUBMITTING);
    assertThat(current.progress().diagnostics()).isEqualTo("moved on");
    assertThat(neverSent.proven(job.id())).as("proof only for what was stored").isFalse();
  }
}
