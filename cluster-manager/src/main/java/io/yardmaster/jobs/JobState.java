package io.yardmaster.jobs;

/**
 * Where a job is (docs/jobs.md draws the transitions). A job is stored QUEUED before Livy hears of
 * it; SUBMITTING means a submission may be in flight, so its outcome is resolved by looking for the
 * app before any resubmission.
 */
public enum JobState {
  /** Stored, waiting for a cluster, a starting slot or team quota (queueReason says which). */
  QUEUED,
  /** Claimed by a submitter; the Livy call may or may not have reached Livy. */
  SUBMITTING,
  /** Livy accepted the batch; the YARN app is not running yet. */
  STARTING,
  /** The app runs on YARN. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  KILLED,
  /** Neither Livy nor YARN knows the app any more. */
  LOST;

  public boolean terminal() {
    return switch (this) {
      case QUEUED, SUBMITTING, STARTING, RUNNING -> false;
      case SUCCEEDED, FAILED, KILLED, LOST -> true;
    };
  }

  /** Whether a job in this state may move to {@code next}. */
  public boolean canMoveTo(JobState next) {
    return switch (this) {
      case QUEUED -> next == SUBMITTING || next == KILLED || next == FAILED;
      case SUBMITTING -> next != SUBMITTING;
      case STARTING -> next == RUNNING || next.terminal();
      case RUNNING -> next.terminal();
      case SUCCEEDED, FAILED, KILLED, LOST -> false;
    };
  }
}
