package io.yardmaster.simulator.livy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a batch request the way Livy's Jackson mapper does, with Jackson's messages: malformed
 * JSON, an unknown property or a value of the wrong type is a {@link LivyBadRequestException}.
 */
final class LivyRequestParser {
  static final String REQUEST_CLASS = "org.apache.livy.server.batch.CreateBatchRequest";
  private static final String SOURCE = "(org.eclipse.jetty.server.HttpInputOverHTTP)";
  private static final JsonFactory JSON = new JsonFactory();

  private LivyRequestParser() {}

  static LivyBatchRequest parse(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw bad("No content to map due to end-of-input", parser);
      }
      if (first != JsonToken.START_OBJECT) {
        throw bad(
            "Cannot deserialize instance of `" + REQUEST_CLASS + "` out of " + first + " token",
            parser);
      }
      Map<String, Object> values = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        if (!LivyBatchRequest.PROPERTIES.contains(field)) {
          throw unknown(field, parser);
        }
        values.put(field, value(field, token, parser));
      }
      return new LivyBatchRequest(
          (String) values.get("file"),
          (String) values.get("proxyUser"),
          list(values, "args"),
          (String) values.get("className"),
          list(values, "jars"),
          list(values, "pyFiles"),
          list(values, "files"),
          (String) values.get("driverMemory"),
          (Integer) values.get("driverCores"),
          (String) values.get("executorMemory"),
          (Integer) values.get("executorCores"),
          (Integer) values.get("numExecutors"),
          list(values, "archives"),
          (String) values.get("queue"),
          (String) values.get("name"),
          map(values, "conf"),
          map(values, "env"));
    } catch (JsonParseException e) {
      throw LivyBadRequestException.jackson(e.getOriginalMessage() + at(e.getLocation()));
    } catch (IOException e) {
      throw LivyBadRequestException.jackson(String.valueOf(e.getMessage()));
    }
  }

  private static Object value(String field, JsonToken token, JsonParser parser) throws IOException {
    switch (field) {
      case "args", "jars", "pyFiles", "files", "archives" -> {
        if (token == JsonToken.VALUE_NULL) {
          return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
          throw mismatch("scala.collection.immutable.List", token, field, parser);
        }
        List<String> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          String item = scalar(parser.currentToken(), field, parser);
          if (item != null) {
            items.add(item);
          }
        }
        return items;
      }
      case "conf", "env" -> {
        if (token == JsonToken.VALUE_NULL) {
          return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
          throw mismatch("scala.collection.immutable.Map", token, field, parser);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          entries.put(key, scalar(parser.nextToken(), field, parser));
        }
        return entries;
      }
      case "driverCores", "executorCores", "numExecutors" -> {
        return integer(token, field, parser);
      }
      default -> {
        return token == JsonToken.VALUE_NULL ? null : scalar(token, field, parser);
      }
    }
  }

  private static String scalar(JsonToken token, String field, JsonParser parser)
      throws IOException {
    if (token.isScalarValue()) {
      return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }
    throw mismatch("java.lang.String", token, field, parser);
  }

  private static Integer integer(JsonToken token, String field, JsonParser parser)
      throws IOException {
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return parser.getIntValue();
      case VALUE_STRING:
        try {
          return Integer.valueOf(parser.getText().trim());
        } catch (NumberFormatException e) {
          throw bad(
              "Cannot deserialize value of type `int` from String \""
                  + parser.getText()
                  + "\": not a valid Integer value",
              parser,
              field);
        }
      default:
        throw mismatch("int", token, field, parser);
    }
  }

  private static LivyBadRequestException unknown(String field, JsonParser parser) {
    String known = String.join("\", \"", LivyBatchRequest.PROPERTIES);
    return bad(
        "Unrecognized field \""
            + field
            + "\" (class "
            + REQUEST_CLASS
            + "), not marked as ignorable ("
            + LivyBatchRequest.PROPERTIES.size()
            + " known properties: \""
            + known
            + "\"])",
        parser,
        field);
  }

  private static LivyBadRequestException mismatch(
      String type, JsonToken token, String field, JsonParser parser) {
    return bad(
        "Cannot deserialize instance of `" + type + "` out of " + token + " token", parser, field);
  }

  private static LivyBadRequestException bad(String message, JsonParser parser) {
    return LivyBadRequestException.jackson(message + at(parser.currentLocation()));
  }

  private static LivyBadRequestException bad(String message, JsonParser parser, String field) {
    return LivyBadRequestException.jackson(
        message
            + at(parser.currentLocation())
            + " (through reference chain: "
            + REQUEST_CLASS
            + "[\""
            + field
            + "\"])");
  }

  private static String at(JsonLocation location) {
    return "\n at [Source: "
        + SOURCE
        + "; line: "
        + location.getLineNr()
        + ", column: "
        + location.getColumnNr()
        + "]";
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<String, Object> values, String field) {
    Object value = values.get(field);
    return value == null ? List.of() : (List<String>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Map<String, Object> values, String field) {
    Object value = values.get(field);
    if (value == null) {
      return Map.of();
    }
    Map<String, String> entries = new LinkedHashMap<>();
    ((Map<String, String>) value)
        .forEach((key, entry) -> entries.put(key, entry == null ? "" : entry));
    return entries;
  }
}
