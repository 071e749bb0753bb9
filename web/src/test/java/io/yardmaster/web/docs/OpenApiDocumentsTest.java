package io.yardmaster.web.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
  private static Map<String, Object> part(String path, String operationId, Object schema) {
    return Map.of(
        "paths",
        Map.of(path, Map.of("get", Map.of("operationId", operationId))),
        "components",
        Map.of("schemas", Map.of("Shared", schema)));
  }

  private static final Map<String, Object> DESCRIBED =
      Map.of("type", "string", "enum", List.of("A", "B"), "description", "what A and B mean");
  private static final Map<String, Object> BARE =
      Map.of("type", "string", "enum", List.of("A", "B"));

  @Test
  @SuppressWarnings("unchecked")
  void mergesThePartsPathsAndKeepsTheBestDescribedCopyOfASharedSchema() {
    Map<String, Object> merged =
        OpenApiDocuments.merged(
            List.of(
                part("/api/v1/jobs", "listJobs", BARE),
                part("/api/v1/teams", "listTeams", DESCRIBED)));

    assertThat((Map<String, Object>) merged.get("paths"))
        .containsOnlyKeys("/api/v1/jobs", "/api/v1/teams");
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) merged.get("components")).get("schemas");
    assertThat(schemas.get("Shared")).isEqualTo(DESCRIBED);
    assertThat(((Map<String, Object>) merged.get("info")).get("title")).isEqualTo("Yardmaster");
  }

  @Test
  void refusesTwoPartsWithOnePath() {
    assertThatThrownBy(
            () ->
                OpenApiDocuments.merged(
                    List.of(part("/api/v1/jobs", "a", BARE), part("/api/v1/jobs", "b", BARE))))
        .hasMessageContaining("two OpenAPI parts define /api/v1/jobs");
  }

  @Test
  void refusesOneSchemaNameForTwoDifferentSchemas() {
    Map<String, Object> other = Map.of("type", "string", "enum", List.of("A", "C"));
    assertThatThrownBy(
            () ->
                OpenApiDocuments.merged(
                    List.of(part("/api/v1/jobs", "a", BARE), part("/api/v1/teams", "b", other))))
        .hasMessageContaining("schemas Shared apart");
  }

  @Test
  void refusesTwoOperationsWithOneOperationId() {
    assertThatThrownBy(
            () ->
                OpenApiDocuments.merged(
                    List.of(
                        part("/api/v1/jobs", "list", BARE), part("/api/v1/teams", "list", BARE))))
        .hasMessageContaining("both list");
  }
}
