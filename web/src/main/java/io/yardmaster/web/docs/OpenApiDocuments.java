package io.yardmaster.web.docs;

import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document: the one micronaut-openapi generates from every module's controllers,
 * with what every operation shares written out — the {@link ApiError} answers: 400 for bad input,
 * 401 without a valid token, 403 for an admin operation (its summary says "(admin)"), 404 for an
 * operation on a named thing (a path parameter) — so a client generated from the document knows
 * every answer it can get.
 */
public final class OpenApiDocuments {
  public static final String RESOURCE = "META-INF/swagger/yardmaster-v1.yml";
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  private OpenApiDocuments() {}

  /** The generated document from the class path, with the shared answers added. */
  public static Map<String, Object> load(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " on the class path");
      }
      Map<String, Object> document = new Yaml().load(in);
      return withSharedAnswers(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String yaml(Map<String, Object> document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(100);
    return new Yaml(options).dump(document);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> withSharedAnswers(Map<String, Object> document) {
    Map<String, Object> components =
        (Map<String, Object>) document.computeIfAbsent("components", key -> new LinkedHashMap<>());
    Map<String, Object> schemas =
        (Map<String, Object>) components.computeIfAbsent("schemas", key -> new LinkedHashMap<>());
    schemas.put("ApiError", apiErrorSchema());
    Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      Map<String, Object> operations = (Map<String, Object>) path.getValue();
      for (String method : METHODS) {
        Map<String, Object> operation = (Map<String, Object>) operations.get(method);
        if (operation == null) {
          continue;
        }
        Map<String, Object> responses =
            (Map<String, Object>)
                operation.computeIfAbsent("responses", key -> new LinkedHashMap<>());
        responses.putIfAbsent("400", error("bad input: the fields or parameters at fault"));
        responses.putIfAbsent("401", error("no token, or an unknown, revoked or expired one"));
        responses.putIfAbsent("406", error("the client accepts no JSON: every answer is JSON"));
        responses.putIfAbsent("413", error("the request line, headers or body are too large"));
        String summary = String.valueOf(operation.getOrDefault("summary", ""));
        if (summary.contains("(admin)")) {
          responses.putIfAbsent("403", error("not an admin token"));
        }
        if (path.getKey().contains("{")) {
          responses.putIfAbsent("404", error("no such thing, or another team's"));
        }
        // An error a controller documents by its description alone still answers an ApiError.
        for (Map.Entry<String, Object> response : responses.entrySet()) {
          if (response.getKey().matches("[45]\\d\\d")) {
            Map<String, Object> answer =
                new LinkedHashMap<>((Map<String, Object>) response.getValue());
            answer.putIfAbsent("content", error("").get("content"));
            response.setValue(answer);
          }
        }
        if (operation.containsKey("requestBody")) {
          responses.putIfAbsent("415", error("the body is not application/json"));
        }
      }
    }
    return document;
  }

  private static Map<String, Object> error(String description) {
    return Map.of(
        "description",
        description,
        "content",
        Map.of(
            "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/ApiError"))));
  }

  private static Map<String, Object> apiErrorSchema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("required", List.of("code", "message", "details"));
    schema.put("additionalProperties", false);
    schema.put(
        "properties",
        Map.of(
            "code",
            Map.of(
                "type",
                "string",
                "enum",
                Arrays.stream(ApiErrorCode.values()).map(Enum::name).toList()),
            "message",
            Map.of("type", "string", "maxLength", ApiError.MAX_MESSAGE),
            "details",
            Map.of(
                "type",
                "array",
                "maxItems",
                ApiError.MAX_DETAILS,
                "items",
                Map.of("type", "string"))));
    schema.put(
        "description",
        "Every error answer: branch on code; each detail starts with the field or key at fault");
    return schema;
  }
}
