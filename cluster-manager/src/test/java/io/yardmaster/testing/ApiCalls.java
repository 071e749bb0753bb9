package io.yardmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.yardmaster.web.errors.ApiError;

/** Asserts that a call is refused with a given status and a JSON {@link ApiError} body. */
public final class ApiCalls {
  private ApiCalls() {}

  public static ApiError refused(
      BlockingHttpClient client, HttpRequest<?> request, HttpStatus status) {
    HttpClientResponseException error =
        catchThrowableOfType(
            HttpClientResponseException.class, () -> client.exchange(request, String.class));
    assertThat(error)
        .as("%s %s must be refused", request.getMethod(), request.getPath())
        .isNotNull();
    assertThat((Object) error.getStatus()).isEqualTo(status);
    ApiError body =
        error
            .getResponse()
            .getBody(ApiError.class)
            .orElseThrow(() -> new AssertionError("no ApiError body in " + error.getResponse()));
    assertThat(body.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    return body;
  }
}
