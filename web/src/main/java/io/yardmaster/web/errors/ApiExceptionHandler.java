package io.yardmaster.web.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders an {@link ApiException} as its status and JSON body. */
@Singleton
public final class ApiExceptionHandler
    implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, ApiException exception) {
    return HttpResponse.<ApiError>status(exception.status())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(exception.error());
  }
}
