package io.yardmaster.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value (as parsed into maps, lists, strings, numbers, booleans, null) against an
 * OpenAPI 3.0 schema: the parts Yardmaster's document uses — {@code $ref}, type, nullable,
 * required, properties, additionalProperties, items, enum, allOf, oneOf, format date-time,
 * minimum/maximum, maxLength, maxItems, pattern. Each violation names its JSON path.
 */
public final class SchemaCheck {
  private final Map<String, Object> components;

  public SchemaCheck(Map<String, Object> document) {
    Object found = document.get("components");
    @SuppressWarnings("unchecked")
    Map<String, Object> schemas =
        found instanceof Map<?, ?> map ? (Map<String, Object>) map.get("schemas") : Map.of();
    this.components = schemas == null ? Map.of() : schemas;
  }

  public List<String> violations(Object value, Map<String, Object> schema) {
    List<String> violations = new ArrayList<>();
    check("$", value, schema, violations, 0);
    return violations;
  }

  @SuppressWarnings("unchecked")
  private void check(
      String path, Object value, Map<String, Object> schema, List<String> out, int depth) {
    if (depth > 50) {
      out.add(path + ": schema nesting too deep");
      return;
    }
    if (value == null && Boolean.TRUE.equals(schema.get("nullable"))) {
      return;
    }
    Object ref = schema.get("$ref");
    if (ref != null) {
      String name = String.valueOf(ref).substring(String.valueOf(ref).lastIndexOf('/') + 1);
      Object target = components.get(name);
      if (!(target instanceof Map<?, ?>)) {
        out.add(path + ": the document has no schema " + ref);
        return;
      }
      check(path, value, (Map<String, Object>) target, out, depth + 1);
      return;
    }
    if (schema.get("allOf") instanceof List<?> all) {
      for (Object part : all) {
        check(path, value, (Map<String, Object>) part, out, depth + 1);
      }
    }
    if (schema.get("oneOf") instanceof List<?> one) {
      long matching =
          one.stream()
              .filter(part -> violations(value, (Map<String, Object>) part).isEmpty())
              .count();
      if (matching != 1) {
        out.add(path + ": matches " + matching + " of the oneOf schemas, not exactly one");
      }
    }
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable")) && schema.containsKey("type")) {
        out.add(path + ": null where the document says " + schema.get("type") + ", not nullable");
      }
      return;
    }
    String type = (String) schema.get("type");
    if (type != null && !hasType(value, type)) {
      out.add(path + ": " + describe(value) + " where the document says " + type);
      return;
    }
    if (schema.get("enum") instanceof List<?> values && !values.contains(value)) {
      out.add(path + ": '" + value + "' is not one of " + values);
    }
    if (value instanceof String text) {
      checkString(path, text, schema, out);
    } else if (value instanceof Number number) {
      checkNumber(path, number, schema, out);
    } else if (value instanceof List<?> list) {
      if (schema.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
        out.add(path + ": " + list.size() + " items, more than maxItems " + max);
      }
      if (schema.get("items") instanceof Map<?, ?> items) {
        for (int i = 0; i < list.size(); i++) {
          check(path + "[" + i + "]", list.get(i), (Map<String, Object>) items, out, depth + 1);
        }
      }
    } else if (value instanceof Map<?, ?> object) {
      checkObject(path, (Map<String, Object>) object, schema, out, depth);
    }
  }

  @SuppressWarnings("unchecked")
  private void checkObject(
      String path,
      Map<String, Object> object,
      Map<String, Object> schema,
      List<String> out,
      int depth) {
    Map<String, Object> properties =
        schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    if (schema.get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (!object.containsKey(String.valueOf(name))) {
          out.add(path + "." + name + ": required by the document, missing");
        }
      }
    }
    Object additional = schema.get("additionalProperties");
    for (Map.Entry<String, Object> entry : object.entrySet()) {
      String at = path + "." + entry.getKey();
      Object property = properties.get(entry.getKey());
      if (property instanceof Map<?, ?> propertySchema) {
        check(at, entry.getValue(), (Map<String, Object>) propertySchema, out, depth + 1);
      } else if (additional instanceof Map<?, ?> additionalSchema) {
        check(at, entry.getValue(), (Map<String, Object>) additionalSchema, out, depth + 1);
      } else if (Boolean.FALSE.equals(additional)
          || (!properties.isEmpty() && additional == null)) {
        out.add(at + ": not in the document");
      }
    }
  }

  private static void checkString(
      String path, String text, Map<String, Object> schema, List<String> out) {
    if (schema.get("maxLength") instanceof Number max && text.length() > max.intValue()) {
      out.add(path + ": " + text.length() + " characters, more than maxLength " + max);
    }
    if (schema.get("pattern") instanceof String pattern
        && !Pattern.compile(pattern).matcher(text).find()) {
      out.add(path + ": '" + text + "' does not match " + pattern);
    }
    if ("date-time".equals(schema.get("format"))) {
      try {
        java.time.OffsetDateTime.parse(text);
      } catch (java.time.format.DateTimeParseException e) {
        out.add(path + ": '" + text + "' is not a date-time");
      }
    }
  }

  private static void checkNumber(
      String path, Number number, Map<String, Object> schema, List<String> out) {
    BigDecimal value = new BigDecimal(number.toString());
    if (schema.get("minimum") != null
        && value.compareTo(new BigDecimal(schema.get("minimum").toString())) < 0) {
      out.add(path + ": " + number + " is below minimum " + schema.get("minimum"));
    }
    if (schema.get("maximum") != null
        && value.compareTo(new BigDecimal(schema.get("maximum").toString())) > 0) {
      out.add(path + ": " + number + " is above maximum " + schema.get("maximum"));
    }
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "string" -> value instanceof String;
      case "integer" ->
          value instanceof Number n
              && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
      case "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      case "array" -> value instanceof List<?>;
      case "object" -> value instanceof Map<?, ?>;
      default -> true;
    };
  }

  private static String describe(Object value) {
    return value instanceof Map<?, ?>
        ? "an object"
        : value instanceof List<?> ? "an array" : value.getClass().getSimpleName() + " " + value;
  }
}
