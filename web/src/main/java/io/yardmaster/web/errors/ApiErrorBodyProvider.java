package io.yardmaster.web.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Every error Micronaut itself answers (malformed JSON, wrong types, unknown fields, a body too
 * large, an unknown route or method) gets the same {@link ApiError} body as our own refusals. A 5xx
 * says only that it is ours, never the exception's text or a stack trace.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {
  @Override
  public ApiError body(ErrorContext context, HttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    ApiErrorCode code = ApiErrorCode.ofStatus(status);
    if (status.getCode() >= 500) {
      return ApiError.of(code, "Yardmaster failed to answer; the failure is in its log");
    }
    List<String> details =
        context.getErrors().stream()
            .map(Error::getMessage)
            .filter(text -> text != null && !text.isBlank())
            .toList();
    String message = details.isEmpty() ? status.getReason() : String.join("; ", details);
    if (code == ApiErrorCode.REQUEST_TOO_LARGE) {
      message =
          "the request is larger than the server takes: a request line of 4 KB, headers of 8 KB,"
              + " a body of 1 MB";
    }
    return new ApiError(code, message, pathsOf(context));
  }

  private static List<String> pathsOf(ErrorContext context) {
    return context.getErrors().stream().map(Error::getPath).flatMap(Optional::stream).toList();
  }
}
