package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autoscaler's operations endpoints, as the application wires them: admins only. */
@MicronautTest(environments = "test", transactional = false)
class AutoscalerAccessIT {
  private static final String PAUSE = "/api/v1/autoscaler/pools/alpha-ondemand/pause";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject Tokens tokens;
  @Inject TeamRepository teams;

  @Test
  void pausingAPoolNeedsAToken() {
    assertStatus(HttpRequest.POST(PAUSE, Map.of()), HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTeamTokenIsNotEnough() {
    if (teams.findById("autoscaler-access").isEmpty()) {
      teams.save(new Team("autoscaler-access", "svc", 100, 10, 100, 1_000_000, Instant.now()));
    }
    String token = tokens.issue(Role.TEAM, "autoscaler-access", "test").token();
    assertStatus(HttpRequest.POST(PAUSE, Map.of()).bearerAuth(token), HttpStatus.FORBIDDEN);
  }

  @Test
  void anAdminPausesAndResumesAPool() {
    String token = tokens.issue(Role.ADMIN, null, "test").token();
    HttpResponse<String> paused =
        client
            .toBlocking()
            .exchange(HttpRequest.POST(PAUSE, Map.of()).bearerAuth(token), String.class);
    assertThat((Object) paused.getStatus()).isEqualTo(HttpStatus.OK);
    String pools =
        client.toBlocking().retrieve(HttpRequest.GET("/api/v1/autoscaler/pools").bearerAuth(token));
    assertThat(pools).contains("alpha-ondemand").contains("\"paused\":true");
    client
        .toBlocking()
        .exchange(
            HttpRequest.POST("/api/v1/autoscaler/pools/alpha-ondemand/resume", Map.of())
                .bearerAuth(token),
            String.class);
    assertThat(
            client
                .toBlocking()
                .retrieve(HttpRequest.GET("/api/v1/autoscaler/pools").bearerAuth(token)))
        .contains("\"paused\":false");
  }

  private void assertStatus(HttpRequest<?> request, HttpStatus status) {
    assertThatThrownBy(() -> client.toBlocking().exchange(request, String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            error -> assertThat((Object) error.getStatus()).isEqualTo(status));
  }
}
