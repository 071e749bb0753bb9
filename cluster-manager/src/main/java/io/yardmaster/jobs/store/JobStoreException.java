package io.yardmaster.jobs.store;

/** The job database failed; a 5xx, never a half-written job (each write is one statement). */
public final class JobStoreException extends RuntimeException {
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
