package io.yardmaster.autoscaler.nodepool;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a write ended from the caller's point of view.
 *
 * @param status {@link OperationStatus#SUCCEEDED}, or {@link OperationStatus#IN_PROGRESS} when the
 *     cloud accepted the write but its long-running operation outlasted the wait
 * @param waited how long the call waited for the operation
 */
public record OperationResult(OperationStatus status, Duration waited) {
  public OperationResult {
    requireNonNull(status, "status is null");
    requireNonNull(waited, "waited is null");
  }

  /** Whether a write's long-running operation has finished or is still running. */
  public enum OperationStatus {
    SUCCEEDED,
    IN_PROGRESS
  }
}
