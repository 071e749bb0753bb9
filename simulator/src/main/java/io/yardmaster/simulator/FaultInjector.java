package io.yardmaster.simulator;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Makes an emulated peer answer with an error status: the next {@code count} requests, or all
 * requests until cleared when {@code count} is negative. A fault may be limited to one operation
 * (as {@code /sim/traffic} names them, e.g. {@code POST /batches}), may carry the peer's own
 * message (Livy's {@code Rejected, too many sessions are being created!}), and may strike after the
 * request was served: the peer did the work (Livy created the batch) but the caller gets the error
 * and cannot know it. Thread safe.
 */
public final class FaultInjector {
  /**
   * An armed fault.
   *
   * @param status the 4xx or 5xx status answered
   * @param operation the only operation it strikes, or null for every request
   * @param message the error body's message, or null for {@code Simulated fault: HTTP <status>}
   * @param afterServing true when the request is served first and its answer replaced
   */
  public record Fault(
      int status, @Nullable String operation, @Nullable String message, boolean afterServing) {
    public Fault {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("fault status must be 4xx or 5xx, got " + status);
      }
    }

    /** The error body's message. */
    public String text() {
      return message != null ? message : "Simulated fault: HTTP " + status;
    }
  }

  private Fault fault;
  private int remaining;

  public synchronized void inject(int status, int count) {
    inject(new Fault(status, null, null, false), count);
  }

  public synchronized void inject(Fault next, int count) {
    this.fault = next;
    this.remaining = count;
  }

  public synchronized void clear() {
    fault = null;
    remaining = 0;
  }

  /** The fault that strikes this request of {@code operation}, if one does (and counts it). */
  public synchronized Optional<Fault> next(String operation) {
    if (fault == null || remaining == 0) {
      return Optional.empty();
    }
    if (fault.operation() != null && !fault.operation().equals(operation)) {
      return Optional.empty();
    }
    if (remaining > 0) {
      remaining--;
    }
    return Optional.of(fault);
  }
}
