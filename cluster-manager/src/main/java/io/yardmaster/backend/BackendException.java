package io.yardmaster.backend;

import static java.util.Objects.requireNonNull;

/**
 * A call to a cluster's Livy or ResourceManager that did not succeed, classified by what it means.
 */
public final class BackendException extends RuntimeException {
  /** What a failure tells us about the request's effect. */
  public enum Kind {
    /** Nothing reached the peer (connection refused, unknown host): safe to retry elsewhere. */
    NOT_SENT,
    /** The peer refused for now (Livy's "too many sessions"): nothing was created, retry later. */
    BUSY,
    /** The peer refused the request itself (a 4xx): retrying will not help. */
    REJECTED,
    /** A batch with our name exists already: an earlier attempt reached Livy. */
    DUPLICATE,
    /** Sent but no clear answer (timeout, 5xx): the batch may or may not exist. */
    OUTCOME_UNKNOWN
  }

  private final Kind kind;

  public BackendException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
