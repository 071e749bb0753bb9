package io.yardmaster.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.yardmaster.health.PeerStatus;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false)
class ClusterControllerTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject Tokens tokens;
  @Inject ApplicationContext context;

  @Test
  void listsConfiguredClustersWithPoolsAndLiveHealth() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              List<ClusterView> clusters =
                  client
                      .toBlocking()
                      .retrieve(
                          HttpRequest.GET("/api/v1/clusters").bearerAuth(token()),
                          Argument.listOf(ClusterView.class));
              assertThat(clusters).extracting(ClusterView::name).containsExactly("alpha");
              ClusterView alpha = clusters.get(0);
              assertThat(alpha.tags()).containsExactly("spark3");
              assertThat(alpha.limits().maxStartingBatches()).isEqualTo(20);
              assertThat(alpha.nodePools())
                  .extracting(ClusterView.NodePoolView::name)
                  .containsExactly("alpha-ondemand");
              assertThat(alpha.nodePools().get(0).sku().nodeManagerMemoryMb()).isEqualTo(57344);
              // Nothing listens on port 9: the probe must say so, not stay UNKNOWN.
              assertThat(alpha.health().livy().status()).isEqualTo(PeerStatus.DOWN);
              assertThat(alpha.health().resourceManager().status()).isEqualTo(PeerStatus.DOWN);
              assertThat(alpha.drained()).isFalse();
            });
  }

  @Test
  void aTeamSeesNamesTagsAndStatusesButNoAddressesScaleSetsOrErrorTexts() {
    String team = TestTokens.team(context, "viewer");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String body =
                  client
                      .toBlocking()
                      .retrieve(HttpRequest.GET("/api/v1/clusters").bearerAuth(team));
              List<ClusterView> clusters =
                  client
                      .toBlocking()
                      .retrieve(
                          HttpRequest.GET("/api/v1/clusters").bearerAuth(team),
                          Argument.listOf(ClusterView.class));
              ClusterView alpha = clusters.get(0);
              assertThat(alpha.name()).isEqualTo("alpha");
              assertThat(alpha.tags()).containsExactly("spark3");
              assertThat(alpha.health().livy().status()).isEqualTo(PeerStatus.DOWN);
              assertThat(alpha.health().livy().detail()).isEqualTo("DOWN");
              assertThat(alpha.livyUrl()).isNull();
              assertThat(alpha.resourceManagerUrl()).isNull();
              assertThat(alpha.nodePools()).isEmpty();
              assertThat(body)
                  .doesNotContain("127.0.0.1")
                  .doesNotContain("/subscriptions/")
                  .doesNotContain("Connection refused");
            });
  }

  @Test
  void unknownClusterIsA404WithJsonNamingIt() {
    assertThatThrownBy(
            () ->
                client
                    .toBlocking()
                    .retrieve(HttpRequest.GET("/api/v1/clusters/nope").bearerAuth(token())))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            error -> {
              assertThat((Object) error.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
              ApiError body = error.getResponse().getBody(ApiError.class).orElseThrow();
              assertThat(body.code()).isEqualTo(ApiErrorCode.CLUSTER_NOT_FOUND);
              assertThat(body.message()).contains("'nope'");
            });
  }

  @Test
  void clusterListNeedsAToken() {
    assertThatThrownBy(() -> client.toBlocking().retrieve("/api/v1/clusters"))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            error -> assertThat((Object) error.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED));
  }

  private String token() {
    return tokens.issue(Role.ADMIN, null, "cluster test").token();
  }
}
