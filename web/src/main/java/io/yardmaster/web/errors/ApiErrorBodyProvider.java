package io.yardmaster.web.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every error Micronaut itself answers (malformed JSON, wrong types, unknown fields, a body too
 * large, an unknown route or method) gets the same {@link ApiError} body as our own refusals; a
 * query, path or header parameter of the wrong type is an {@code INVALID_PARAMETER} that names it.
 * A 5xx says only that it is ours, never the exception's text or a stack trace.
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
            .map(ApiErrorBodyProvider::readable)
            .toList();
    String message = details.isEmpty() ? status.getReason() : String.join("; ", details);
    if (code == ApiErrorCode.REQUEST_TOO_LARGE) {
      message =
          "the request is larger than the server takes: a request line of 4 KB, headers of 8 KB,"
              + " a body of 1 MB";
    }
    Optional<String> parameter = badParameter(context);
    if (parameter.isPresent()) {
      return new ApiError(
          ApiErrorCode.INVALID_PARAMETER, parameter.get() + ": " + message, pathsOf(context));
    }
    return new ApiError(code, message, pathsOf(context));
  }

  /** The name of a query, path or header parameter that did not convert to its type. */
  private static Optional<String> badParameter(ErrorContext context) {
    if (context.getRootCause().orElse(null) instanceof ConversionErrorException e) {
      AnnotationMetadata annotations = e.getArgument().getAnnotationMetadata();
      if (annotations.hasAnnotation(QueryValue.class)
          || annotations.hasAnnotation(PathVariable.class)
          || annotations.hasAnnotation(Header.class)) {
        return Optional.of(e.getArgument().getName());
      }
    }
    return Optional.empty();
  }

  private static final Pattern CONVERSION =
      Pattern.compile("Failed to convert argument \\[[^]]*] for value \\[[^]]*] due to: ");
  private static final Pattern LOCATION =
      Pattern.compile("\\s*at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

  private static final Pattern NOT_A_NUMBER = Pattern.compile("^For input string: (\".*\")$");

  /** Micronaut's and Jackson's texts without their framework wording: what and where. */
  static String readable(String message) {
    String text = CONVERSION.matcher(message).replaceFirst("");
    text = NOT_A_NUMBER.matcher(text).replaceFirst("$1 is not a number");
    return LOCATION.matcher(text).replaceFirst(" (line $1, column $2)").strip();
  }

  private static List<String> pathsOf(ErrorContext context) {
    return context.getErrors().stream().map(Error::getPath).flatMap(Optional::stream).toList();
  }
}
