package io.yardmaster.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.yardmaster.api.ApiError;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
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
    if (status.getCode() >= 500) {
      return ApiError.of("INTERNAL", "Yardmaster failed to answer; the failure is in its log");
    }
    List<String> details =
        context.getErrors().stream()
            .map(ApiErrorBodyProvider::describe)
            .filter(text -> !text.isBlank())
            .toList();
    String message = details.isEmpty() ? status.getReason() : String.join("; ", details);
    return new ApiError(code(status), message, pathsOf(context));
  }

  private static String describe(Error error) {
    return error.getMessage();
  }

  private static List<String> pathsOf(ErrorContext context) {
    return context.getErrors().stream().map(Error::getPath).flatMap(Optional::stream).toList();
  }

  private static String code(HttpStatus status) {
    return switch (status.getCode()) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 413 -> "BODY_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> status.name().toUpperCase(Locale.ROOT);
    };
  }
}
