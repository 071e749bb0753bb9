package io.yardmaster.app.auth;

import static io.yardmaster.testing.ApiCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.yardmaster.testing.MutableClock;
import io.yardmaster.testing.MutableClockFactory;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.auth.IssuedToken;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.TokenView;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code yardmaster.auth.max-token-lifetime} and {@code max-active-tokens}: no token outlives the
 * maximum, and issuing stops at the cap of tokens that still work, where an expired or revoked
 * token no longer counts. Each test starts with its own admin token as the only active one.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "yardmaster.auth.max-token-lifetime", value = "1h")
@Property(name = "yardmaster.auth.max-active-tokens", value = TokenLimitsIT.CAP)
@Property(name = MutableClockFactory.PROPERTY, value = "true")
class TokenLimitsIT {
  static final String CAP = "4";

  @Inject
  @Client("/")
  HttpClient http;

  @Inject ApplicationContext context;
  @Inject MutableClock clock;

  private String admin;

  @BeforeEach
  void oneAdminTokenOnly() {
    IssuedToken own = context.getBean(Tokens.class).issue(Role.ADMIN, null, "test"); // no expiry
    admin = own.token();
    TestTokens.team(context, "risk");
    for (TokenView token : listed()) {
      boolean expired = token.expiresAt() != null && !token.expiresAt().isAfter(clock.instant());
      if (token.revokedAt() == null && !expired && !token.id().equals(own.id())) {
        client().exchange(HttpRequest.DELETE("/api/v1/tokens/" + token.id()).bearerAuth(admin));
      }
    }
  }

  @Test
  void aTokenLivesAtMostTheMaximumLifetime() {
    IssuedToken unasked = issue(Map.of("team", "risk"));
    assertThat(unasked.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

    Instant sooner = clock.instant().plus(Duration.ofMinutes(30));
    assertThat(issue(Map.of("team", "risk", "expiresAt", sooner.toString())).expiresAt())
        .isEqualTo(sooner);

    Instant later = clock.instant().plus(Duration.ofHours(2));
    ApiError tooLong =
        refused(
            client(),
            HttpRequest.POST(
                    "/api/v1/tokens", Map.of("team", "risk", "expiresAt", later.toString()))
                .bearerAuth(admin),
            HttpStatus.BAD_REQUEST);
    assertThat(tooLong.code()).isEqualTo(ApiErrorCode.INVALID_TOKEN);
    assertThat(tooLong.details()).anyMatch(d -> d.contains("max-token-lifetime"));

    // The token stops working when its lifetime is over.
    String token = unasked.token();
    client().exchange(HttpRequest.GET("/api/v1/teams").bearerAuth(token));
    clock.advance(Duration.ofMinutes(61));
    ApiError expired =
        refused(
            client(), HttpRequest.GET("/api/v1/teams").bearerAuth(token), HttpStatus.UNAUTHORIZED);
    assertThat(expired.code()).isEqualTo(ApiErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void issuingStopsAtTheCapOfTokensThatStillWork() {
    int cap = Integer.parseInt(CAP);
    List<IssuedToken> issued = new ArrayList<>();
    for (int i = 1; i < cap; i++) { // the admin token is the first of the cap
      issued.add(issue(Map.of("team", "risk")));
    }
    ApiError full =
        refused(
            client(),
            HttpRequest.POST("/api/v1/tokens", Map.of("team", "risk")).bearerAuth(admin),
            HttpStatus.CONFLICT);
    assertThat(full.code()).isEqualTo(ApiErrorCode.TOO_MANY_TOKENS);
    assertThat(full.message()).contains("max-active-tokens");

    // A revoked token no longer counts.
    client().exchange(HttpRequest.DELETE("/api/v1/tokens/" + issued.get(0).id()).bearerAuth(admin));
    issue(Map.of("team", "risk"));
    refused(
        client(),
        HttpRequest.POST("/api/v1/tokens", Map.of("team", "risk")).bearerAuth(admin),
        HttpStatus.CONFLICT);

    // Nor does an expired one: after the maximum lifetime all but the admin token are gone.
    clock.advance(Duration.ofMinutes(61));
    for (int i = 1; i < cap; i++) {
      issue(Map.of("team", "risk"));
    }
    refused(
        client(),
        HttpRequest.POST("/api/v1/tokens", Map.of("team", "risk")).bearerAuth(admin),
        HttpStatus.CONFLICT);
  }

  private IssuedToken issue(Map<String, String> body) {
    return client()
        .retrieve(HttpRequest.POST("/api/v1/tokens", body).bearerAuth(admin), IssuedToken.class);
  }

  private List<TokenView> listed() {
    return client()
        .retrieve(
            HttpRequest.GET("/api/v1/tokens").bearerAuth(admin), Argument.listOf(TokenView.class));
  }

  private BlockingHttpClient client() {
    return http.toBlocking();
  }
}
