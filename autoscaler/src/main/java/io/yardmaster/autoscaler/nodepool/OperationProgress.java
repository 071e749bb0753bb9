package io.yardmaster.autoscaler.nodepool;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/**
 * One look at a long-running operation ({@link NodePool#follow(String)}).
 *
 * @param state where the operation is
 * @param cloudCode the cloud's error code of a failed operation (e.g. ARM's {@code
 *     AllocationFailed}), or null
 * @param detail what the cloud said, for the decision's reason
 */
public record OperationProgress(State state, @Nullable String cloudCode, String detail) {
  public OperationProgress {
    requireNonNull(state, "state is null");
    requireNonNull(detail, "detail is null");
  }

  public static OperationProgress of(State state, String detail) {
    return new OperationProgress(state, null, detail);
  }

  /** Where a long-running operation is. */
  public enum State {
    /** Still running: look again at a later tick. */
    IN_PROGRESS,
    SUCCEEDED,
    /** Ended Failed or Canceled. */
    FAILED,
    /**
     * The cloud no longer knows the operation (its status URL expired or is not one this pool
     * follows): the caller tells from a fresh read of the scale set whether a write still runs.
     */
    UNKNOWN
  }
}
