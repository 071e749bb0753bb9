package io.yardmaster.web.auth;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.yardmaster.web.auth.oidc.OidcAuthenticator;
import io.yardmaster.web.auth.oidc.Refusal;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code /api/**} request, in every role, must carry {@code Authorization: Bearer <token>};
 * without a known token it is answered 401 here, before any controller runs. The token itself is
 * never logged. Under {@code /livy/**} (the Livy-compatible facade) the token may also come as the
 * password of HTTP basic auth, with any login, since Livy clients such as Airflow's LivyOperator
 * send only that; {@code /api} never takes basic auth. A token that is a JWT of a configured OIDC
 * issuer is judged by {@link OidcAuthenticator} instead (ADR 0020).
 */
@ServerFilter({"/api/**", BearerTokenFilter.LIVY, BearerTokenFilter.METRICS})
@Order(BearerTokenFilter.ORDER)
public final class BearerTokenFilter {
  /** Runs before every other request filter: nothing is judged for a caller without a token. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  /** The Livy-compatible facade's paths. */
  public static final String LIVY = "/livy/**";

  /** The Prometheus scrape: an admin token's only (team names and the fleet's shape are in it). */
  public static final String METRICS = "/prometheus";

  private static final String SCHEME = "bearer ";
  private static final String BASIC = "basic ";

  private final BeanProvider<Tokens> tokens;
  private final BeanProvider<OidcAuthenticator> oidc;

  /** Without a database there are no tokens: every request is refused (fail closed). */
  public BearerTokenFilter(BeanProvider<Tokens> tokens, BeanProvider<OidcAuthenticator> oidc) {
    this.tokens = tokens;
    this.oidc = oidc;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    Optional<String> header = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION);
    if (header.isEmpty()) {
      return unauthorized(ApiErrorCode.TOKEN_MISSING, "send 'Authorization: Bearer <token>'");
    }
    String value = header.get();
    boolean livy = request.getPath().startsWith("/livy/");
    String token;
    if (scheme(value, SCHEME)) {
      token = value.substring(SCHEME.length()).trim();
    } else if (livy && scheme(value, BASIC)) {
      token = basicPassword(value.substring(BASIC.length()).trim());
    } else {
      return unauthorized(
          ApiErrorCode.TOKEN_MISSING,
          livy
              ? "the Authorization header must use the Bearer or Basic scheme"
              : "the Authorization header must use the Bearer scheme");
    }
    if (token != null
        && !token.startsWith(Tokens.PREFIX)
        && OidcAuthenticator.looksLikeJwt(token)
        && oidc.isPresent()
        && oidc.get().enabled()) {
      return signIn(request, oidc.get().authenticate(token));
    }
    Tokens.Check check =
        tokens.isPresent() && token != null ? tokens.get().check(token) : Tokens.Check.UNKNOWN;
    return switch (check.outcome()) {
      case VALID -> admit(request, check.caller());
      case EXPIRED -> unauthorized(ApiErrorCode.TOKEN_EXPIRED, "the bearer token has expired");
      case UNKNOWN ->
          unauthorized(ApiErrorCode.TOKEN_UNKNOWN, "the bearer token is unknown or revoked");
    };
  }

  @Nullable
  private static HttpResponse<?> signIn(HttpRequest<?> request, OidcAuthenticator.Outcome outcome) {
    if (outcome.caller() != null) {
      return admit(request, outcome.caller());
    }
    Refusal refusal = outcome.refusal();
    ApiErrorCode code = refusal.reason().code();
    ApiError body = new ApiError(code, refusal.message(), List.of(refusal.reason().word()));
    if (code.status() != HttpStatus.UNAUTHORIZED) {
      return HttpResponse.<ApiError>status(code.status())
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(body);
    }
    return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"yardmaster\", error=\"invalid_token\"")
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(body);
  }

  /** Lets the caller on, unless it is a team's and this is the metrics scrape (a 403). */
  @Nullable
  private static HttpResponse<?> admit(HttpRequest<?> request, Caller caller) {
    if (request.getPath().equals(METRICS) && !caller.admin()) {
      return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(ApiError.of(ApiErrorCode.FORBIDDEN, "the metrics are for an admin token"));
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    return null;
  }

  private static boolean scheme(String value, String scheme) {
    return value.length() > scheme.length()
        && value.substring(0, scheme.length()).toLowerCase(Locale.ROOT).equals(scheme);
  }

  /** The password of {@code base64(login:password)}; null when it is not that. */
  @Nullable
  private static String basicPassword(String credentials) {
    try {
      String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static HttpResponse<ApiError> unauthorized(ApiErrorCode code, String message) {
    return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"yardmaster\"")
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ApiError.of(code, message));
  }
}
