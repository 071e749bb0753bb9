package io.yardmaster.web.errors;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the API refuses: rendered as its status and {@link ApiError} body, never a 5xx. The
 * status is the code's own unless given.
 */
public final class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final ApiError error;

  public ApiException(HttpStatus status, ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.status = requireNonNull(status, "status is null");
    this.error = error;
  }

  public ApiException(ApiErrorCode code, String message, List<String> details) {
    this(code.status(), new ApiError(code, message, details));
  }

  public ApiException(ApiErrorCode code, String message) {
    this(code, message, List.of());
  }

  /** A 400 with {@code code}, for a code whose usual status is another (e.g. a name in a body). */
  public static ApiException badRequest(ApiErrorCode code, String message, List<String> details) {
    return new ApiException(HttpStatus.BAD_REQUEST, new ApiError(code, message, details));
  }

  /** A 400 naming one query parameter or field. */
  public static ApiException invalidParameter(String name, String message) {
    return new ApiException(ApiErrorCode.INVALID_PARAMETER, message, List.of(name));
  }

  public static ApiException forbidden(String message) {
    return new ApiException(ApiErrorCode.FORBIDDEN, message);
  }

  public HttpStatus status() {
    return status;
  }

  public ApiError error() {
    return error;
  }
}
