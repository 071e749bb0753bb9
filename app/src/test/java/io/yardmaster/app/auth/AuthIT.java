package io.yardmaster.app.auth;

import static io.yardmaster.testing.ApiCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.auth.IssuedToken;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.teams.Team;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class AuthIT {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject ApplicationContext context;

  private BlockingHttpClient client() {
    return http.toBlocking();
  }

  @Test
  void aRequestWithoutATokenIs401WithJsonAndAChallenge() {
    ApiError error = refused(client(), HttpRequest.GET("/api/v1/teams"), HttpStatus.UNAUTHORIZED);
    assertThat(error.code()).isEqualTo(ApiErrorCode.TOKEN_MISSING);
  }

  @Test
  void anUnknownTokenOrAnotherSchemeIs401() {
    assertThat(
            refused(
                    client(),
                    HttpRequest.GET("/api/v1/teams").bearerAuth("ym_not-a-token"),
                    HttpStatus.UNAUTHORIZED)
                .code())
        .isEqualTo(ApiErrorCode.TOKEN_UNKNOWN);
    assertThat(
            refused(
                    client(),
                    HttpRequest.GET("/api/v1/teams").basicAuth("admin", "admin"),
                    HttpStatus.UNAUTHORIZED)
                .code())
        .isEqualTo(ApiErrorCode.TOKEN_MISSING);
  }

  @Test
  void anAdminCreatesATeamAndItsTokenWhichSeesOnlyItsTeam() {
    String admin = TestTokens.admin(context);
    HttpResponse<Team> created =
        client()
            .exchange(
                HttpRequest.POST(
                        "/api/v1/teams",
                        Map.of("name", "risk", "proxyUser", "risk-svc", "maxRunningJobs", 7))
                    .bearerAuth(admin),
                Team.class);
    assertThat((Object) created.getStatus()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.body().maxRunningJobs()).isEqualTo(7);
    assertThat(created.body().proxyUser()).isEqualTo("risk-svc");

    IssuedToken issued =
        client()
            .retrieve(
                HttpRequest.POST("/api/v1/tokens", Map.of("role", "TEAM", "team", "risk"))
                    .bearerAuth(admin),
                IssuedToken.class);
    assertThat(issued.token()).startsWith("ym_").hasSizeGreaterThan(40);
    TestTokens.team(context, "other");

    List<Team> visible =
        client()
            .retrieve(
                HttpRequest.GET("/api/v1/teams").bearerAuth(issued.token()),
                Argument.listOf(Team.class));
    assertThat(visible).extracting(Team::name).containsExactly("risk");
    assertThat(
            refused(
                    client(),
                    HttpRequest.GET("/api/v1/teams/other").bearerAuth(issued.token()),
                    HttpStatus.NOT_FOUND)
                .code())
        .isEqualTo(ApiErrorCode.TEAM_NOT_FOUND);

    // The listing never shows the secret, and revoking stops the token at once.
    String listing =
        client().retrieve(HttpRequest.GET("/api/v1/tokens?team=risk").bearerAuth(admin));
    assertThat(listing).contains(issued.id()).doesNotContain(issued.token());
    client().exchange(HttpRequest.DELETE("/api/v1/tokens/" + issued.id()).bearerAuth(admin));
    refused(
        client(),
        HttpRequest.GET("/api/v1/teams").bearerAuth(issued.token()),
        HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTeamTokenCannotUseAdminEndpoints() {
    String team = TestTokens.team(context, "analytics");
    ApiError error =
        refused(
            client(),
            HttpRequest.POST("/api/v1/teams", Map.of("name", "evil", "proxyUser", "root"))
                .bearerAuth(team),
            HttpStatus.FORBIDDEN);
    assertThat(error.code()).isEqualTo(ApiErrorCode.FORBIDDEN);
    refused(
        client(),
        HttpRequest.POST("/api/v1/tokens", Map.of("role", "ADMIN")).bearerAuth(team),
        HttpStatus.FORBIDDEN);
    refused(client(), HttpRequest.GET("/api/v1/tokens").bearerAuth(team), HttpStatus.FORBIDDEN);
    refused(
        client(),
        HttpRequest.PUT("/api/v1/teams/analytics", Map.of("name", "analytics", "proxyUser", "x"))
            .bearerAuth(team),
        HttpStatus.FORBIDDEN);
  }

  @Test
  void badTeamBodiesAre400sThatSayWhatIsWrong() {
    String admin = TestTokens.admin(context);
    ApiError malformed =
        refused(
            client(),
            HttpRequest.POST("/api/v1/teams", "{\"name\": ")
                .contentType(MediaType.APPLICATION_JSON)
                .bearerAuth(admin),
            HttpStatus.BAD_REQUEST);
    assertThat(malformed.code()).isEqualTo(ApiErrorCode.BAD_REQUEST);
    refused(
        client(),
        HttpRequest.POST(
                "/api/v1/teams", "{\"name\":\"x\",\"proxyUser\":\"u\",\"priority\":\"hi\"}")
            .contentType(MediaType.APPLICATION_JSON)
            .bearerAuth(admin),
        HttpStatus.BAD_REQUEST);
    ApiError unknown =
        refused(
            client(),
            HttpRequest.POST("/api/v1/teams", "{\"name\":\"x\",\"proxyUser\":\"u\",\"colour\":1}")
                .contentType(MediaType.APPLICATION_JSON)
                .bearerAuth(admin),
            HttpStatus.BAD_REQUEST);
    assertThat(unknown.message()).contains("colour");
    ApiError invalid =
        refused(
            client(),
            HttpRequest.POST("/api/v1/teams", Map.of("name", "Bad Name", "proxyUser", "u"))
                .bearerAuth(admin),
            HttpStatus.BAD_REQUEST);
    assertThat(invalid.code()).isEqualTo(ApiErrorCode.INVALID_TEAM);
    assertThat(invalid.details()).anySatisfy(detail -> assertThat(detail).startsWith("name"));
    refused(
        client(),
        HttpRequest.POST("/api/v1/tokens", Map.of("role", "TEAM", "team", "nobody"))
            .bearerAuth(admin),
        HttpStatus.BAD_REQUEST);
  }

  @Test
  void theChallengeHeaderIsSent() {
    try {
      client().exchange(HttpRequest.GET("/api/v1/teams"));
    } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
      assertThat(e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
          .startsWith("Bearer");
      return;
    }
    throw new AssertionError("a request without a token was accepted");
  }
}
