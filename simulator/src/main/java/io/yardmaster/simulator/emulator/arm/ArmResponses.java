package io.yardmaster.simulator.emulator.arm;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Locale;

/** ARM's error responses: status, {@code {"error":{"code","message"}}} body, headers. */
final class ArmResponses {
  private ArmResponses() {}

  static MutableHttpResponse<?> error(HttpStatus status, String code, String message) {
    return HttpResponse.status(status)
        .body(new ArmWire.ErrorBody(new ArmWire.Error(code, message, null, null)));
  }

  static MutableHttpResponse<?> missingApiVersion() {
    return error(
        HttpStatus.BAD_REQUEST,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.");
  }

  static MutableHttpResponse<?> scaleSetNotFound(String resourceGroup, String name) {
    return error(
        HttpStatus.NOT_FOUND,
        "ResourceNotFound",
        "The Resource '"
            + ArmEmulator.SCALE_SET_TYPE
            + "/"
            + name
            + "' under resource group '"
            + resourceGroup
            + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
  }

  static MutableHttpResponse<?> preconditionFailed(String ifMatch) {
    return error(
        HttpStatus.PRECONDITION_FAILED,
        "PreconditionFailed",
        "The specified precondition 'If-Match = " + ifMatch + "' failed.");
  }

  static MutableHttpResponse<?> invalidParameter(String target, String message) {
    return HttpResponse.status(HttpStatus.BAD_REQUEST)
        .body(new ArmWire.ErrorBody(new ArmWire.Error("InvalidParameter", message, target, null)));
  }

  /** Compute's throttling answer, with Retry-After in (simulated) seconds. */
  static MutableHttpResponse<?> throttled(long retryAfterSeconds) {
    ArmWire.Error detail =
        new ArmWire.Error(
            "TooManyRequests",
            String.format(
                Locale.ROOT,
                "{\"operationGroup\":\"VMScaleSetWrites\",\"allowedRequestCount\":4,"
                    + "\"retryAfterSeconds\":%d}",
                retryAfterSeconds),
            "VMScaleSetWrites",
            null);
    return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(retryAfterSeconds))
        .header("x-ms-ratelimit-remaining-resource", "Microsoft.Compute/VMScaleSetWrites;0")
        .body(
            new ArmWire.ErrorBody(
                new ArmWire.Error(
                    "OperationNotAllowed",
                    "The server rejected the request because too many requests have been"
                        + " received for this scale set.",
                    null,
                    List.of(detail))));
  }

  /** An injected fault's status with the body ARM sends with it. */
  static MutableHttpResponse<?> fault(int status) {
    return switch (status) {
      case 429 -> throttled(1);
      case 412 -> preconditionFailed("(injected)");
      case 404 -> error(HttpStatus.NOT_FOUND, "ResourceNotFound", "Injected fault.");
      case 409 ->
          error(
              HttpStatus.CONFLICT,
              "OperationNotAllowed",
              "Operation is not allowed because another operation is in progress (injected).");
      case 503 ->
          error(
              HttpStatus.SERVICE_UNAVAILABLE,
              "ServiceUnavailable",
              "The service is temporarily unavailable (injected).");
      default ->
          error(
              HttpStatus.valueOf(status),
              status >= 500 ? "InternalServerError" : "BadRequest",
              status >= 500
                  ? "An unexpected error occured while processing the request (injected)."
                  : "Injected fault.");
    };
  }
}
