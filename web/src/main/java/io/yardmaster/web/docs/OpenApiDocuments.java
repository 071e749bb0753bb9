package io.yardmaster.web.docs;

import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document: every module's generated part ({@link OpenApiPart}) merged, with
 * what every operation shares written out — the {@link ApiError} answers: 400 for bad input, 401
 * without a valid token, 403 for an admin operation (its summary says "(admin)") and for a sign-in
 * whose team Yardmaster does not have (any operation, ADR 0020), 404 for an operation on a named
 * thing (a path parameter) — so a client generated from the document knows every answer it can get.
 */
public final class OpenApiDocuments {
  /** Where the merged document is served, under {@code /openapi}. */
  public static final String FILE = "yardmaster-v1.yml";

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  private OpenApiDocuments() {}

  /** The parts from the class path, merged, with the shared answers added. */
  public static Map<String, Object> load(
      ClassLoader loader, Collection<? extends OpenApiPart> parts) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (String resource : parts.stream().map(OpenApiPart::resource).sorted().toList()) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no " + resource + " on the class path");
        }
        documents.add(new Yaml().load(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return withSharedAnswers(merged(documents));
  }

  /**
   * One document of the parts' paths, schemas and security schemes. Two parts that define the same
   * path, or the same schema differently, are a build mistake, refused here rather than served.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merged(List<Map<String, Object>> parts) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.0.1");
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("title", "Yardmaster");
    info.put("version", "v1");
    info.put(
        "description",
        "Control plane between Apache Airflow and a fleet of Spark clusters"
            + " (Livy, YARN, Azure VM scale sets).");
    document.put("info", info);
    Map<String, Object> paths = new TreeMap<>();
    Map<String, Object> components = new LinkedHashMap<>();
    for (Map<String, Object> part : parts) {
      Map<String, Object> partPaths = (Map<String, Object>) part.getOrDefault("paths", Map.of());
      for (Map.Entry<String, Object> path : partPaths.entrySet()) {
        if (paths.putIfAbsent(path.getKey(), path.getValue()) != null) {
          throw new IllegalStateException("two OpenAPI parts define " + path.getKey());
        }
      }
      Map<String, Object> partComponents =
          (Map<String, Object>) part.getOrDefault("components", Map.of());
      for (Map.Entry<String, Object> section : partComponents.entrySet()) {
        Map<String, Object> into =
            (Map<String, Object>)
                components.computeIfAbsent(section.getKey(), key -> new TreeMap<>());
        for (Map.Entry<String, Object> entry :
            ((Map<String, Object>) section.getValue()).entrySet()) {
          Object before = into.get(entry.getKey());
          if (before == null || described(entry.getValue()) > described(before)) {
            into.put(entry.getKey(), entry.getValue());
          }
          if (before != null && !withoutText(before).equals(withoutText(entry.getValue()))) {
            throw new IllegalStateException(
                "two OpenAPI parts define " + section.getKey() + " " + entry.getKey() + " apart");
          }
        }
      }
    }
    Set<String> operationIds = new HashSet<>();
    for (Object operations : paths.values()) {
      for (Object operation : ((Map<String, Object>) operations).values()) {
        if (operation instanceof Map<?, ?> described
            && described.get("operationId") instanceof String id
            && !operationIds.add(id)) {
          throw new IllegalStateException(
              "two OpenAPI operations are both " + id + ": name one with @Operation(operationId)");
        }
      }
    }
    document.put("paths", paths);
    document.put("components", components);
    return document;
  }

  /**
   * A type used by a module other than its own is read from class files, without its Javadoc: the
   * same schema, less described. Both parts agree once the texts are set aside.
   */
  @SuppressWarnings("unchecked")
  private static Object withoutText(Object schema) {
    if (schema instanceof Map<?, ?> map) {
      Map<String, Object> kept = new TreeMap<>();
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
        if (!TEXTS.contains(entry.getKey())) {
          kept.put(entry.getKey(), withoutText(entry.getValue()));
        }
      }
      return kept;
    }
    if (schema instanceof List<?> list) {
      return list.stream().map(OpenApiDocuments::withoutText).toList();
    }
    return schema;
  }

  private static final Set<String> TEXTS = Set.of("description", "x-enum-descriptions");

  private static int described(Object schema) {
    return String.valueOf(schema).length();
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
          responses.putIfAbsent(
              "403", error("not an admin token, or a sign-in whose team is not registered"));
        } else {
          responses.putIfAbsent(
              "403", error("a sign-in (JWT) whose team is not registered or is ambiguous"));
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
