package io.yardmaster.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.OpenApiDocument;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the whole application serves beside the features: health for probes and admins, and one
 * OpenAPI document with every module's operations.
 */
@MicronautTest(environments = "test", transactional = false)
class ServedSurfaceTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject ApplicationContext context;

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
