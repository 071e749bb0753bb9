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
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.OpenApiDocument;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @Test
  @SuppressWarnings("unchecked")
  void anonymousHealthIsAStatusOnlyAndAdminsReadEveryComponent() {
    Map<String, Object> anonymous =
        client
            .toBlocking()
            .retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
    // A cluster that is down degrades its own entry, not Yardmaster as a whole.
    assertThat(anonymous).containsEntry("status", "UP");
    assertThat(anonymous.get("details")).isNull();
    String admin = TestTokens.admin(context);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> health =
                  client
                      .toBlocking()
                      .retrieve(
                          HttpRequest.GET("/api/v1/health").bearerAuth(admin),
                          Argument.mapOf(String.class, Object.class));
              Map<String, Object> components = (Map<String, Object>) health.get("components");
              assertThat(components).containsKeys("clusters", "database", "graphite", "nodePools");
              assertThat(((Map<String, Object>) components.get("database")).get("status"))
                  .isEqualTo("UP");
              assertThat(((Map<String, Object>) components.get("graphite")).get("status"))
                  .isEqualTo("DEGRADED");
              Map<String, Object> clusters = (Map<String, Object>) components.get("clusters");
              assertThat(clusters.get("status")).isEqualTo("DEGRADED");
              Map<String, Object> alpha =
                  (Map<String, Object>)
                      ((Map<String, Object>) clusters.get("details")).get("alpha");
              assertThat(((Map<String, Object>) alpha.get("livy")).get("status")).isEqualTo("DOWN");
            });
    ApiError team =
        ApiCalls.refused(
            client.toBlocking(),
            HttpRequest.GET("/api/v1/health").bearerAuth(TestTokens.team(context, "curious")),
            HttpStatus.FORBIDDEN);
    assertThat(team.code()).isEqualTo(ApiErrorCode.FORBIDDEN);
  }

  @Test
  void servesTheOpenApiDocument() {
    String document = client.toBlocking().retrieve("/openapi/yardmaster-v1.yml");
    assertThat(document)
        .contains("openapi:")
        .contains("/api/v1/clusters")
        .contains("/api/v1/clusters/{name}");
  }

  @Test
  void theOpenApiDocumentHasTheAutoscalersOperationsWithSchemasBearerAndAdminNotes() {
    OpenApiDocument document =
        OpenApiDocument.parse(client.toBlocking().retrieve("/openapi/yardmaster-v1.yml"));
    Map<String, Boolean> adminOnly =
        Map.of(
            "GET /api/v1/autoscaler/pools", true,
            "GET /api/v1/autoscaler/pools/{pool}", true,
            "GET /api/v1/autoscaler/decisions", true,
            "POST /api/v1/autoscaler/pools/{pool}/pause", true,
            "POST /api/v1/autoscaler/pools/{pool}/resume", true,
            "PUT /api/v1/autoscaler/pools/{pool}/bounds", true,
            "POST /api/v1/autoscaler/pools/{pool}/dry-run", true);
    assertThat(document.operations()).containsAll(adminOnly.keySet());
    for (Map.Entry<String, Boolean> expected : adminOnly.entrySet()) {
      Map<String, Object> operation = document.operation(expected.getKey());
      assertThat(operation.get("tags")).as(expected.getKey()).isEqualTo(List.of("autoscaler"));
      assertThat(operation.get("security"))
          .as(expected.getKey())
          .isEqualTo(List.of(Map.of("bearer", List.of())));
      assertThat(String.valueOf(operation.get("summary")).contains("(admin)"))
          .as(expected.getKey())
          .isEqualTo(expected.getValue());
      assertThat(document.statuses(expected.getKey()).contains("403"))
          .as(expected.getKey())
          .isEqualTo(expected.getValue());
      assertThat(document.statuses(expected.getKey())).contains("200", "400", "401");
    }
    assertThat(document.schema("PUT /api/v1/autoscaler/pools/{pool}/bounds", "200"))
        .containsEntry("$ref", "#/components/schemas/PoolView");
    assertThat(String.valueOf(document.operation("PUT /api/v1/autoscaler/pools/{pool}/bounds")))
        .contains("#/components/schemas/BoundsRequest");
    assertThat(String.valueOf(document.operation("GET /api/v1/autoscaler/decisions")))
        .contains("name=pool", "name=limit", "#/components/schemas/DecisionRecord");
    assertThat(document.schema("POST /api/v1/autoscaler/pools/{pool}/dry-run", "200"))
        .containsEntry("$ref", "#/components/schemas/DecisionRecord");
    assertThat(document.statuses("POST /api/v1/autoscaler/pools/{pool}/dry-run")).contains("404");
  }
}
