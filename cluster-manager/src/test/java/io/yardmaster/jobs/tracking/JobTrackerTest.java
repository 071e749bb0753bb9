package io.yardmaster.jobs.tracking;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.JobsConfig;
import io.yardmaster.testing.JobStoreContext;
import io.yardmaster.testing.MutableClock;
import io.yardmaster.testing.ScriptedBackend;
import io.yardmaster.testing.StoredJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One tracking pass: jobs Livy lists are moved by their batch, the others are asked of YARN fifty
 * tags per query, and a step that fails for one job (or one query's answer) leaves only those jobs
 * for the next pass. Each test has its own database, so the pass sees only the test's jobs.
 */
class JobTrackerTest {
  private static final Instant NOW = T0.plusSeconds(600);
  private JobStoreContext db;
  private ScriptedBackend backend;
  private JobTracker tracker;
  private ClusterConfig alpha;

  @BeforeEach
  void fresh() {
    db = new JobStoreContext();
    backend = new ScriptedBackend();
    JobKiller killer = new JobKiller(db.store, backend, db.registry, new MutableClock(NOW));
    tracker = new JobTracker(db.store, backend, db.registry, killer, JobsConfig.DEFAULTS);
    alpha = db.registry.cluster("alpha").orElseThrow();
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void aJobWhoseStepBreaksWaitsForTheNextPassAndTheOthersMoveOn() {
    Job broken = running(0);
    Job fine = running(1);
    backend.batches.add(new BatchStatus(0, broken.livyName(), BatchState.DEAD, app(0), null, null));
    backend.batches.add(
        new BatchStatus(1, fine.livyName(), BatchState.SUCCESS, app(1), null, null));
    // The failed job's diagnostics are read from YARN: that read breaks, for this job only.
    backend.brokenTags.add(broken.tag());

    tracker.runOnce(alpha, NOW);
    assertThat(state(broken)).isEqualTo(JobState.RUNNING);
    assertThat(state(fine)).isEqualTo(JobState.SUCCEEDED);

    backend.brokenTags.clear();
    tracker.runOnce(alpha, NOW.plusSeconds(2));
    assertThat(state(broken)).isEqualTo(JobState.FAILED);
  }

  @Test
  void jobsLivyForgotAreAskedOfYarnFiftyTagsPerQueryAndLostOnlyWhenYarnHasNoApp() {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      jobs.add(running(i)); // Livy lists none of them
    }
    Job finished = jobs.get(7);
    backend.apps.add(
        new ApplicationStatus(
            app(7), "FINISHED", "SUCCEEDED", null, null, null, List.of(finished.tag())));

    tracker.runOnce(alpha, NOW);

    assertThat(backend.batchPagesRead).isEqualTo(1);
    assertThat(backend.tagQueries).containsExactly("alpha 50", "alpha 50", "alpha 20");
    assertThat(state(finished)).isEqualTo(JobState.SUCCEEDED);
    assertThat(jobs.stream().filter(job -> job != finished).map(this::state))
        .containsOnly(JobState.LOST);
  }

  @Test
  void aQueryWhoseAnswerCannotBeReadLeavesOnlyItsJobsAndTheKillsStillGoOut() {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(running(i));
    }
    backend.brokenTags.add(jobs.get(3).tag()); // in the first query of fifty
    Job toKill = db.store.update(jobs.get(55), killRequested(jobs.get(55))).orElseThrow();
    backend.apps.add(
        new ApplicationStatus(app(55), "RUNNING", null, null, null, null, List.of(toKill.tag())));

    tracker.runOnce(alpha, NOW);

    assertThat(jobs.subList(0, 50).stream().map(this::state)).containsOnly(JobState.RUNNING);
    assertThat(jobs.subList(50, 60).stream().filter(job -> job != jobs.get(55)).map(this::state))
        .containsOnly(JobState.LOST);
    assertThat(backend.appsKilled).containsExactly(app(55));
  }

  /** A job RUNNING as batch {@code batchId}; the pass takes jobs in this order (oldest, by id). */
  private Job running(int batchId) {
    Job job =
        StoredJobs.running(
            StoredJobs.queued(new UUID(0, batchId).toString()), "alpha", batchId, app(batchId), T0);
    assertThat(db.store.insert(job)).isTrue();
    return job;
  }

  private static io.yardmaster.jobs.JobProgress killRequested(Job job) {
    return job.progress().toBuilder().killRequested(T0.plusSeconds(300)).build(T0.plusSeconds(300));
  }

  private JobState state(Job job) {
    return db.store.find(job.id()).orElseThrow().state();
  }

  private static String app(int i) {
    return String.format("application_1_%04d", i);
  }
}
