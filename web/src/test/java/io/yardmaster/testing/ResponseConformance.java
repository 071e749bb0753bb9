package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.yardmaster.web.docs.OpenApiDocuments;
import io.yardmaster.web.docs.OpenApiPart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In every test server: checks each {@code /api} and {@code /livy} answer against the served
 * OpenAPI document — its status is documented for the operation, and its body matches the schema.
 * An answer that does not becomes a 500 naming the difference (and is kept in {@link
 * #violations()}), so a test that gets it fails, and the document cannot drift from the wire. It
 * wraps every other filter (the token filter's refusals, the facade's Livy error bodies), so it
 * judges the answer as it leaves. A benchmark switches it off ({@value #SWITCH}{@code = false}):
 * re-reading every answer against its schema costs more than building the answer does.
 */
@ServerFilter({"/api/**", "/livy/**"})
@Order(Ordered.HIGHEST_PRECEDENCE)
@Requires(property = ResponseConformance.SWITCH, notEquals = "false")
public final class ResponseConformance {
  public static final String SWITCH = "yardmaster.testing.response-conformance";
  private static final Logger LOG = LoggerFactory.getLogger(ResponseConformance.class);
  private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
  private final Map<String, Object> document;
  private final JsonMapper json;
  private final SchemaCheck schemas;

  public ResponseConformance(JsonMapper json, List<OpenApiPart> parts) {
    this.json = json;
    this.document = OpenApiDocuments.load(ResponseConformance.class.getClassLoader(), parts);
    this.schemas = new SchemaCheck(document);
  }

  /** Every violation seen by any test server of this JVM. */
  public static List<String> violations() {
    return List.copyOf(VIOLATIONS);
  }

  @ResponseFilter
  public void check(HttpRequest<?> request, MutableHttpResponse<?> response) {
    List<String> found = violations(request, response);
    if (!found.isEmpty()) {
      String text =
          request.getMethod() + " " + request.getPath() + " -> " + response.code() + ": " + found;
      LOG.error("answer not described by the OpenAPI document: {}", text);
      VIOLATIONS.add(text);
      response.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("openApiViolation", text));
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> violations(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Map<String, Object> operation = operation(request);
    if (operation == null) {
      // No such route: refused before any operation (no token, unknown path or method).
      return List.of(401, 404, 405).contains(response.code())
          ? List.of()
          : List.of("the operation is not in the document");
    }
    Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
    Object documented = responses.get(String.valueOf(response.code()));
    if (documented == null) {
      documented = responses.get("default");
    }
    if (documented == null) {
      return List.of("status " + response.code() + " is not documented " + responses.keySet());
    }
    Map<String, Object> content =
        (Map<String, Object>) ((Map<String, Object>) documented).get("content");
    Object body = response.getBody().orElse(null);
    if (content == null || response.code() == 304) {
      return body == null || response.code() == 304
          ? List.of()
          : List.of("a body where the document has none");
    }
    Map<String, Object> media = (Map<String, Object>) content.get("application/json");
    if (media == null || !(media.get("schema") instanceof Map<?, ?> schema)) {
      return List.of();
    }
    try {
      Object tree =
          body == null
              ? null
              : json.readValue(json.writeValueAsBytes(body), Argument.of(Object.class));
      return schemas.violations(tree, (Map<String, Object>) schema);
    } catch (IOException e) {
      return List.of("the body cannot be written as JSON: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> operation(HttpRequest<?> request) {
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    String method = request.getMethod().name().toLowerCase(Locale.ROOT);
    List<String> matching = new ArrayList<>();
    for (String template : paths.keySet()) {
      String regex = template.replaceAll("\\{[^/]+}", "[^/]+");
      if (request.getPath().matches(regex)) {
        matching.add(template);
      }
    }
    // A literal path (/pools/x/pause) wins over a template that also matches it.
    matching.sort((a, b) -> Long.compare(braces(a), braces(b)));
    for (String template : matching) {
      Object operation = ((Map<String, Object>) paths.get(template)).get(method);
      if (operation != null) {
        return (Map<String, Object>) operation;
      }
    }
    return null;
  }

  private static long braces(String template) {
    return template.chars().filter(c -> c == '{').count();
  }
}
