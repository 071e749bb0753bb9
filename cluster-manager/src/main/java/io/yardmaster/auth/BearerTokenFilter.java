package io.yardmaster.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.yardmaster.api.ApiError;
import io.yardmaster.core.Roles;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code /api/**} request must carry {@code Authorization: Bearer <token>}; without a known
 * token it is answered 401 here, before any controller runs. The token itself is never logged.
 */
@ServerFilter("/api/**")
@Requires(property = Roles.API, notEquals = "false")
public final class BearerTokenFilter {
  private static final String SCHEME = "bearer ";

  private final Tokens tokens;

  public BearerTokenFilter(Tokens tokens) {
    this.tokens = tokens;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    Optional<String> header = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION);
    if (header.isEmpty()) {
      return unauthorized("TOKEN_MISSING", "send 'Authorization: Bearer <token>'");
    }
    String value = header.get();
    if (value.length() <= SCHEME.length()
        || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return unauthorized("TOKEN_MISSING", "the Authorization header must use the Bearer scheme");
    }
    Optional<Caller> caller = tokens.authenticate(value.substring(SCHEME.length()).trim());
    if (caller.isEmpty()) {
      return unauthorized("TOKEN_UNKNOWN", "the bearer token is unknown or revoked");
    }
    request.setAttribute(Caller.ATTRIBUTE, caller.get());
    return null;
  }

  private static HttpResponse<ApiError> unauthorized(String code, String message) {
    return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"yardmaster\"")
        .body(ApiError.of(code, message));
  }
}
