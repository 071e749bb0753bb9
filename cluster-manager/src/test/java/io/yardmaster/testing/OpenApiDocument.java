package io.yardmaster.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** The served OpenAPI 3 document, parsed: its operations as "METHOD /path" and their objects. */
public record OpenApiDocument(Map<String, Object> root) {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  public static OpenApiDocument parse(String yaml) {
    return new OpenApiDocument(new Yaml().load(yaml));
  }

  /** "METHOD /path" of every operation, sorted. */
  public Set<String> operations() {
    Set<String> operations = new TreeSet<>();
    paths()
        .forEach(
            (path, value) -> {
              for (String method : METHODS) {
                if (map(value).containsKey(method)) {
                  operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
              }
            });
    return operations;
  }

  /** One operation's object: tags, summary, parameters, responses, security. */
  public Map<String, Object> operation(String operation) {
    String[] parts = operation.split(" ", 2);
    Object path = paths().get(parts[1]);
    Object found = path == null ? null : map(path).get(parts[0].toLowerCase(Locale.ROOT));
    if (found == null) {
      throw new IllegalArgumentException("no operation " + operation + " in " + operations());
    }
    return map(found);
  }

  /** The status codes an operation documents. */
  public Set<String> statuses(String operation) {
    return new TreeSet<>(map(operation(operation).get("responses")).keySet());
  }

  /** The schema of an operation's JSON answer with a status, e.g. {@code {$ref: ...}}. */
  public Map<String, Object> schema(String operation, String status) {
    Map<String, Object> response = map(map(operation(operation).get("responses")).get(status));
    return map(map(map(response.get("content")).get("application/json")).get("schema"));
  }

  private Map<String, Object> paths() {
    return map(root.get("paths"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
  }
}
