package io.yardmaster.http;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import io.yardmaster.api.ApiError;
import java.util.List;

/** A request the API refuses: rendered as its status and {@link ApiError} body, never a 5xx. */
public final class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final ApiError error;

  public ApiException(HttpStatus status, ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.status = requireNonNull(status, "status is null");
    this.error = error;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, ApiError.of(code, message));
  }

  public static ApiException badRequest(String code, String message, List<String> details) {
    return new ApiException(HttpStatus.BAD_REQUEST, new ApiError(code, message, details));
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, ApiError.of(code, message));
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, ApiError.of("FORBIDDEN", message));
  }

  public static ApiException conflict(String code, String message, List<String> details) {
    return new ApiException(HttpStatus.CONFLICT, new ApiError(code, message, details));
  }

  public HttpStatus status() {
    return status;
  }

  public ApiError error() {
    return error;
  }
}
