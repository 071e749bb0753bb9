package io.yardmaster.autoscaler.nodepool;

/** Why a {@link NodePool} call failed, and whether trying again later may succeed. */
public enum NodePoolErrorCode {
  /** HTTP 429: the write budget of the scale set (or subscription) is spent; see Retry-After. */
  THROTTLED,
  /** HTTP 5xx from the cloud. */
  SERVER_ERROR,
  /** No response in time. */
  TIMEOUT,
  /** Connection refused or reset, DNS, TLS. */
  NETWORK,
  /** HTTP 409: another operation on the scale set is in the way. */
  CONFLICT,
  /** HTTP 412: the scale set changed since the read whose ETag was sent. */
  PRECONDITION_FAILED,
  /** HTTP 404: no such scale set (or resource group, or subscription). */
  NOT_FOUND,
  /** HTTP 401 / 403: credentials or permissions. */
  UNAUTHORIZED,
  /** HTTP 400 and other rejections of the request itself. */
  BAD_REQUEST,
  /** The long-running operation ended in Failed or Canceled. */
  OPERATION_FAILED;

  /** Whether the same call may succeed later without any change on our side. */
  public boolean isTransient() {
    return switch (this) {
      case THROTTLED, SERVER_ERROR, TIMEOUT, NETWORK, CONFLICT -> true;
      case PRECONDITION_FAILED, NOT_FOUND, UNAUTHORIZED, BAD_REQUEST, OPERATION_FAILED -> false;
    };
  }
}
