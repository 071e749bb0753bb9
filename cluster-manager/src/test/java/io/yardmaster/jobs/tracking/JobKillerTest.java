package io.yardmaster.jobs.tracking;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.testing.JobStoreContext;
import io.yardmaster.testing.MutableClock;
import io.yardmaster.testing.ScriptedBackend;
import io.yardmaster.testing.StoredJobs;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A kill: QUEUED is cancelled; otherwise recorded, then sent to our batch or to our YARN app. */
class JobKillerTest {
  private static final Instant NOW = T0.plusSeconds(120);
  private static final String APP = "application_1_0008";
  private static JobStoreContext db;
  private ScriptedBackend backend;
  private JobKiller killer;

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
    killer = new JobKiller(db.store, backend, db.registry, new MutableClock(NOW));
  }

  private Job stored(Job job) {
    assertThat(db.store.insert(job)).isTrue();
    return job;
  }

  private static Job queued() {
    return StoredJobs.queued(UUID.randomUUID().toString());
  }

  private Job running() {
    return stored(StoredJobs.running(queued(), "alpha", 8, APP, T0));
  }

  private static ApplicationStatus app(String id, String state, Job job) {
    return new ApplicationStatus(id, state, "UNDEFINED", "", null, null, List.of(job.tag()));
  }

  @Test
  void aQueuedJobIsCancelledWithoutAskingLivy() {
    Job job = stored(queued());
    Job killed = killer.kill(job);
    assertThat(killed.state()).isEqualTo(JobState.KILLED);
    assertThat(killed.progress().finalStatus()).isEqualTo("CANCELLED");
    assertThat(killed.progress().killRequestedAt()).isEqualTo(NOW);
    assertThat(db.store.find(job.id()).orElseThrow().state()).isEqualTo(JobState.KILLED);
    assertThat(backend.batchesKilled).isEmpty();
    assertThat(backend.appsKilled).isEmpty();
  }

  @Test
  void aRunningJobsKillIsRecordedAndSentToItsBatchFoundByName() {
    Job job = running();
    backend.batches.add(new BatchStatus(8, job.livyName(), BatchState.RUNNING, APP, null, null));
    Job killed = killer.kill(job);
    assertThat(killed.progress().killRequested()).isTrue();
    // The job ends when the tracker sees its batch end, not on the kill's say-so.
    assertThat(killed.state()).isEqualTo(JobState.RUNNING);
    assertThat(backend.batchesKilled).containsExactly(8);
    assertThat(backend.appsKilled).isEmpty();
  }

  @Test
  void aBatchIdLivyGaveToAnotherBatchIsNeverKilledTheAppIsKilledInYarn() {
    Job job = running();
    backend.batches.add(
        new BatchStatus(8, "ym-job-stranger", BatchState.RUNNING, null, null, null));
    backend.apps.add(app(APP, "RUNNING", job));
    backend.apps.add(app("application_1_0001", "FINISHED", job));
    killer.kill(job);
    assertThat(backend.batchesKilled).isEmpty();
    assertThat(backend.appsKilled).containsExactly(APP);
  }

  @Test
  void whenTheStoredBatchIdIsAnothersTheBatchIsFoundByNameInTheList() {
    Job job = running();
    backend.batches.add(
        new BatchStatus(8, "ym-job-stranger", BatchState.RUNNING, null, null, null));
    backend.batches.add(new BatchStatus(12, job.livyName(), BatchState.RUNNING, APP, null, null));
    killer.kill(job);
    assertThat(backend.batchesKilled).containsExactly(12);
    assertThat(backend.appsKilled).isEmpty();
  }

  @Test
  void whenLivyNoLongerKnowsTheBatchAtDeleteTheKillGoesToYarn() {
    Job job = running();
    backend.batches.add(new BatchStatus(8, job.livyName(), BatchState.RUNNING, APP, null, null));
    backend.livyDeletes = false;
    backend.apps.add(app(APP, "RUNNING", job));
    killer.kill(job);
    assertThat(backend.batchesKilled).containsExactly(8);
    assertThat(backend.appsKilled).containsExactly(APP);
  }

  @Test
  void aKillThatCannotBeDeliveredIsStillRecordedForTheTrackerToRepeat() {
    Job job = running();
    backend.failure = new BackendException(BackendException.Kind.NOT_SENT, "connection refused");
    Job killed = killer.kill(job);
    assertThat(killed.progress().killRequested()).isTrue();
    assertThat(db.store.find(job.id()).orElseThrow().progress().killRequested()).isTrue();

    backend.failure = null;
    backend.apps.add(app(APP, "RUNNING", job));
    killer.reach(db.store.find(job.id()).orElseThrow());
    assertThat(backend.appsKilled).containsExactly(APP);
  }

  @Test
  void aKillOfAStaleCopyRereadsTheJobAndAnEndedJobIsLeftAsItIs() {
    Job job = stored(queued());
    Job moved =
        db.store
            .update(job, job.progress().toBuilder().queueReason("later").build(T0))
            .orElseThrow();
    assertThat(killer.kill(job).state())
        .as("killed from the stale copy")
        .isEqualTo(JobState.KILLED);
    Job ended = db.store.find(moved.id()).orElseThrow();
    assertThat(killer.kill(ended)).isEqualTo(ended);
  }
}
