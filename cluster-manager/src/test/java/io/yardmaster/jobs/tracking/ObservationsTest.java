package io.yardmaster.jobs.tracking;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.testing.StoredJobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Livy's and YARN's answers change in a job: the state, the app, the outcome, nothing. */
class ObservationsTest {
  private static final Instant LATER = T0.plusSeconds(30);
  private static final String APP = "application_1700000000000_0001";

  private final Job starting = StoredJobs.starting(StoredJobs.queued("j1"), "alpha", 7, T0);

  /** Running, with the links Livy and YARN give for its app. */
  private final Job running =
      withLinks(StoredJobs.running(StoredJobs.queued("j2"), "alpha", 8, APP, T0));

  private static Job withLinks(Job job) {
    return job.with(
        job.progress().toBuilder().app(APP, "http://rm/proxy/" + APP, "http://nm/logs").build(T0));
  }

  private static BatchStatus batch(int id, BatchState state, String appId) {
    return new BatchStatus(
        id, "ym-job-j1", state, appId, appId == null ? null : "http://rm/proxy/" + appId, null);
  }

  private static ApplicationStatus app(String state, String finalStatus, String diagnostics) {
    return new ApplicationStatus(
        APP,
        state,
        finalStatus,
        diagnostics,
        "http://rm/proxy/" + APP,
        "http://nm/logs",
        List.of());
  }

  @Test
  void aRunningBatchMovesAStartingJobToRunningWithItsApp() {
    JobProgress next =
        Observations.fromBatch(starting, batch(7, BatchState.RUNNING, APP), LATER).orElseThrow();
    assertThat(next.state()).isEqualTo(JobState.RUNNING);
    assertThat(next.runningAt()).isEqualTo(LATER);
    assertThat(next.appId()).isEqualTo(APP);
    assertThat(next.sparkUiUrl()).isEqualTo("http://rm/proxy/" + APP);
    assertThat(next.finalStatus()).isNull();
    assertThat(next.version()).isEqualTo(starting.progress().version() + 1);
  }

  @Test
  void aBatchThatSaysNothingNewChangesNothing() {
    assertThat(Observations.fromBatch(starting, batch(7, BatchState.STARTING, null), LATER))
        .isEmpty();
    // Livy reconnecting to its batches after a restart with recovery: the job stays as it is.
    assertThat(Observations.fromBatch(running, batch(8, BatchState.RECOVERING, APP), LATER))
        .isEmpty();
    assertThat(Observations.fromBatch(running, batch(8, BatchState.UNKNOWN, APP), LATER)).isEmpty();
  }

  @Test
  void aSubmittingJobWhoseBatchRunsPassesThroughStarting() {
    Job submitting = StoredJobs.submitting(StoredJobs.queued("j3"), "alpha", T0);
    JobProgress next =
        Observations.fromBatch(submitting, batch(4, BatchState.RUNNING, APP), LATER).orElseThrow();
    assertThat(next.state()).isEqualTo(JobState.RUNNING);
    assertThat(next.startingAt()).isEqualTo(LATER);
    assertThat(next.livyBatchId()).isEqualTo(4);
    assertThat(next.livyName()).isEqualTo(submitting.livyName());
    assertThat(next.leaseUntil()).as("the submission's outcome is known").isNull();
  }

  @Test
  void aDeadBatchFailsTheJobUnlessItsOwnerKilledIt() {
    JobProgress failed =
        Observations.fromBatch(running, batch(8, BatchState.DEAD, APP), LATER).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.finalStatus()).isEqualTo("livy:dead");
    assertThat(failed.finishedAt()).isEqualTo(LATER);

    Job killed = running.with(running.progress().toBuilder().killRequested(T0).build(T0));
    JobProgress ended =
        Observations.fromBatch(killed, batch(8, BatchState.DEAD, APP), LATER).orElseThrow();
    assertThat(ended.state()).isEqualTo(JobState.KILLED);
    assertThat(ended.finalStatus()).isEqualTo("livy:dead");

    assertThat(
            Observations.fromBatch(running, batch(8, BatchState.SUCCESS, APP), LATER)
                .orElseThrow()
                .finalStatus())
        .isEqualTo("livy:success");
  }

  @Test
  void yarnsFinalStatusDecidesHowAFinishedAppEndsAndItsDiagnosticsAreKept() {
    assertThat(end(app("FINISHED", "SUCCEEDED", "")).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(end(app("FINISHED", "SUCCEEDED", "")).diagnostics()).isNull();
    assertThat(end(app("FINISHED", "KILLED", "")).state()).isEqualTo(JobState.KILLED);
    JobProgress failed = end(app("FINISHED", "FAILED", "Executor lost: exit code 137"));
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.finalStatus()).isEqualTo("yarn:FAILED");
    assertThat(failed.diagnostics()).isEqualTo("Executor lost: exit code 137");
    assertThat(end(app("FAILED", null, "AM crashed")).finalStatus()).isEqualTo("yarn:UNDEFINED");
    assertThat(end(app("KILLED", "KILLED", "killed by user")).state()).isEqualTo(JobState.KILLED);
  }

  @Test
  void anAppStateThatWouldGoBackwardsOrIsUnknownChangesNothing() {
    assertThat(Observations.fromApplication(running, app("ACCEPTED", "UNDEFINED", ""), LATER))
        .isEmpty();
    assertThat(Observations.fromApplication(running, app("RUNNING", "UNDEFINED", ""), LATER))
        .isEmpty();
    assertThat(Observations.fromApplication(running, app("SOMETHING_NEW", null, null), LATER))
        .isEmpty();
    JobProgress started =
        Observations.fromApplication(starting, app("RUNNING", "UNDEFINED", ""), LATER)
            .orElseThrow();
    assertThat(started.state()).isEqualTo(JobState.RUNNING);
    assertThat(started.appId()).isEqualTo(APP);
    assertThat(started.livyBatchId()).isEqualTo(7);
  }

  @Test
  void anEndedJobIsNeverMovedAgain() {
    Job done = running.with(end(app("FINISHED", "SUCCEEDED", "")));
    assertThat(Observations.fromBatch(done, batch(8, BatchState.DEAD, APP), LATER)).isEmpty();
    assertThat(Observations.fromApplication(done, app("FINISHED", "FAILED", "x"), LATER)).isEmpty();
  }

  private JobProgress end(ApplicationStatus app) {
    return Observations.fromApplication(running, app, LATER).orElseThrow();
  }
}
