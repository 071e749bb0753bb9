package io.yardmaster.web.errors;

import io.micronaut.http.HttpStatus;

/**
 * Every code an {@link ApiError} carries, in every module (ADR 0004): clients branch on these, so a
 * code is never renamed. Each has the status it is usually answered with.
 */
public enum ApiErrorCode {
  /** The body is not JSON, or not of the shape the operation takes (wrong type, unknown field). */
  BAD_REQUEST(HttpStatus.BAD_REQUEST),
  /** A field breaks a documented limit (length, pattern, range). */
  INVALID_REQUEST(HttpStatus.BAD_REQUEST),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
  INVALID_JOB(HttpStatus.BAD_REQUEST),
  INVALID_TEAM(HttpStatus.BAD_REQUEST),
  INVALID_TOKEN(HttpStatus.BAD_REQUEST),
  INVALID_DRAIN(HttpStatus.BAD_REQUEST),
  INVALID_BOUNDS(HttpStatus.BAD_REQUEST),
  INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST),
  INVALID_PAGE(HttpStatus.BAD_REQUEST),
  INVALID_STATE(HttpStatus.BAD_REQUEST),
  INVALID_TIME(HttpStatus.BAD_REQUEST),
  INVALID_WAIT(HttpStatus.BAD_REQUEST),
  NAME_MISMATCH(HttpStatus.BAD_REQUEST),
  TEAM_REQUIRED(HttpStatus.BAD_REQUEST),
  ADMIN_HAS_NO_TEAM(HttpStatus.BAD_REQUEST),
  /** A Spark conf key the cluster's policy refuses, or one that breaks Spark's key grammar. */
  CONF_DENIED(HttpStatus.BAD_REQUEST),
  /** A Spark conf value Spark itself would refuse (a size, a count, a boolean). */
  CONF_INVALID(HttpStatus.BAD_REQUEST),
  /** An application, jar or file from a place the cluster's policy does not allow. */
  FILE_DENIED(HttpStatus.BAD_REQUEST),
  NO_MATCHING_CLUSTER(HttpStatus.BAD_REQUEST),
  UNKNOWN_QUEUE(HttpStatus.BAD_REQUEST),
  TOO_LARGE_FOR_CLUSTER(HttpStatus.BAD_REQUEST),
  TOO_LARGE_FOR_QUOTA(HttpStatus.BAD_REQUEST),
  TOKEN_MISSING(HttpStatus.UNAUTHORIZED),
  TOKEN_UNKNOWN(HttpStatus.UNAUTHORIZED),
  TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED),
  /** A JWT that does not verify: its details name the reason (wrong-audience, unknown-key, ...). */
  TOKEN_INVALID(HttpStatus.UNAUTHORIZED),
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
  FORBIDDEN(HttpStatus.FORBIDDEN),
  /** A valid JWT whose team is not one Yardmaster has (an admin creates it first). */
  TEAM_NOT_REGISTERED(HttpStatus.FORBIDDEN),
  /** A valid JWT whose claims map to more than one team. */
  TEAM_AMBIGUOUS(HttpStatus.FORBIDDEN),
  NOT_FOUND(HttpStatus.NOT_FOUND),
  JOB_NOT_FOUND(HttpStatus.NOT_FOUND),
  CLUSTER_NOT_FOUND(HttpStatus.NOT_FOUND),
  POOL_NOT_FOUND(HttpStatus.NOT_FOUND),
  TEAM_NOT_FOUND(HttpStatus.NOT_FOUND),
  TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  CONFLICT(HttpStatus.CONFLICT),
  IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT),
  TEAM_EXISTS(HttpStatus.CONFLICT),
  /** Revoking this token would leave no active admin token. */
  LAST_ADMIN_TOKEN(HttpStatus.CONFLICT),
  TOO_MANY_TOKENS(HttpStatus.CONFLICT),
  /** The request line, headers or body are larger than the server takes. */
  REQUEST_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS),
  /** A bug: the details are in Yardmaster's log, never in the answer. */
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR),
  /** A peer or the database is out of reach for now; retrying later may succeed. */
  UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

  private final HttpStatus status;

  ApiErrorCode(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  /** The generic code of a status Micronaut answers by itself (no route, bad JSON, ...). */
  public static ApiErrorCode ofStatus(HttpStatus status) {
    return switch (status.getCode()) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413, 414, 431 -> REQUEST_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> UNAVAILABLE;
      default -> status.getCode() < 500 ? BAD_REQUEST : INTERNAL;
    };
  }
}
