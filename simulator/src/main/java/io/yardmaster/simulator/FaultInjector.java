package io.yardmaster.simulator;

/**
 * Makes an emulated peer answer with an error status: the next {@code count} requests, or all
 * requests until cleared when {@code count} is negative. Thread safe.
 */
public final class FaultInjector {
  private int status;
  private int remaining;

  public synchronized void inject(int status, int count) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 4xx or 5xx, got " + status);
    }
    this.status = status;
    this.remaining = count;
  }

  public synchronized void clear() {
    status = 0;
    remaining = 0;
  }

  /** The status to fail this request with, or 0 to serve it normally. */
  public synchronized int next() {
    if (status == 0 || remaining == 0) {
      return 0;
    }
    if (remaining > 0) {
      remaining--;
    }
    return status;
  }
}
