package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStateTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void finalStatesNeverMoveAgain() {
    for (JobState from : JobState.values()) {
      if (from.terminal()) {
        for (JobState to : JobState.values()) {
          assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
        }
      }
    }
  }

  @Test
  void aJobThatRanCanNeverGoBackToQueued() {
    assertThat(JobState.STARTING.canMoveTo(JobState.QUEUED)).isFalse();
    assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED)).isFalse();
    assertThat(JobState.RUNNING.canMoveTo(JobState.STARTING)).isFalse();
    assertThat(JobState.SUBMITTING.canMoveTo(JobState.QUEUED)).isTrue();
  }

  @Test
  void movingStampsTheStatesTimeAndBumpsTheVersion() {
    JobProgress queued = JobProgress.queued("waiting", NOW);
    JobProgress submitting =
        queued.toBuilder()
            .moveTo(JobState.SUBMITTING, NOW.plusSeconds(1))
            .cluster("alpha", "named")
            .attempt(NOW.plusSeconds(46))
            .build(NOW.plusSeconds(1));
    assertThat(submitting.state()).isEqualTo(JobState.SUBMITTING);
    assertThat(submitting.submittingAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(submitting.queueReason()).isNull();
    assertThat(submitting.attempts()).isEqualTo(1);
    assertThat(submitting.version()).isEqualTo(queued.version() + 1);
    assertThatThrownBy(() -> queued.toBuilder().moveTo(JobState.RUNNING, NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("QUEUED to RUNNING");
  }

  @Test
  void aRefusedSubmissionGoesBackToQueuedUnlessItsKillWasRequested() {
    JobProgress submitting =
        JobProgress.queued("waiting", NOW).toBuilder()
            .moveTo(JobState.SUBMITTING, NOW)
            .cluster("alpha", "named")
            .build(NOW);

    JobProgress retried = submitting.toBuilder().requeue(NOW, "Livy busy").build(NOW);
    assertThat(retried.state()).isEqualTo(JobState.QUEUED);
    assertThat(retried.queueReason()).isEqualTo("Livy busy");
    assertThat(retried.cluster()).isNull();

    JobProgress killed =
        submitting.toBuilder().killRequested(NOW).requeue(NOW, "Livy busy").build(NOW);
    assertThat(killed.state()).isEqualTo(JobState.KILLED);
    assertThat(killed.finishedAt()).isEqualTo(NOW);
  }
}
