package io.yardmaster.autoscaler.nodepool;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** A failed {@link NodePool} call: a code, the cloud's own error code, and any Retry-After. */
public class NodePoolException extends RuntimeException {
  private final NodePoolErrorCode code;
  private final String cloudCode;
  private final Duration retryAfter;

  public NodePoolException(
      NodePoolErrorCode code,
      String cloudCode,
      Duration retryAfter,
      String message,
      Throwable cause) {
    super(requireNonNull(code, "code is null") + ": " + message, cause);
    this.code = code;
    this.cloudCode = cloudCode;
    this.retryAfter = retryAfter;
  }

  public NodePoolErrorCode code() {
    return code;
  }

  /** The cloud's error code, e.g. ARM's {@code OperationNotAllowed}, if it sent one. */
  public Optional<String> cloudCode() {
    return Optional.ofNullable(cloudCode);
  }

  /** How long the cloud asked us to wait (HTTP Retry-After), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean isTransient() {
    return code.isTransient();
  }
}
