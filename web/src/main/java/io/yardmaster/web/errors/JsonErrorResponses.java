package io.yardmaster.web.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every error Micronaut itself renders is an {@link ApiError} in JSON, also when the client asked
 * for HTML only ({@code Accept: text/html}): Micronaut's default answers such a request with an
 * HTML page, which no API client can read a code from.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class JsonErrorResponses implements ErrorResponseProcessor<ApiError> {
  private final ApiErrorBodyProvider body;

  public JsonErrorResponses(ApiErrorBodyProvider body) {
    this.body = body;
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<ApiError> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> response) {
    if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
      return (MutableHttpResponse<ApiError>) response;
    }
    return response
        .body(body.body(errorContext, response))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
