package io.yardmaster.web.json;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Deserializers that refuse a JSON value of the wrong type instead of coercing it: {@code false} is
 * not the integer 0, {@code 1.5} is not the integer 1, {@code 3} is not the string "3". They
 * replace Micronaut Serde's lenient defaults everywhere JSON is read, so a request body of the
 * wrong shape is a 400 naming the value, never a silently changed setting.
 */
@Factory
public final class StrictScalars {
  @Singleton
  @Primary
  Deserializer<String> strings() {
    return new Strict<>("a string") {
      @Override
      String convert(JsonNode node) {
        return node.isString() ? node.getStringValue() : null;
      }
    };
  }

  @Singleton
  @Primary
  Deserializer<Integer> integers() {
    return new Strict<>("an integer") {
      @Override
      Integer convert(JsonNode node) {
        BigDecimal value = integral(node);
        return value == null ? null : value.intValueExact();
      }
    };
  }

  @Singleton
  @Primary
  Deserializer<Long> longs() {
    return new Strict<>("an integer") {
      @Override
      Long convert(JsonNode node) {
        BigDecimal value = integral(node);
        return value == null ? null : value.longValueExact();
      }
    };
  }

  @Singleton
  @Primary
  Deserializer<Boolean> booleans() {
    return new Strict<>("true or false") {
      @Override
      Boolean convert(JsonNode node) {
        return node.isBoolean() ? node.getBooleanValue() : null;
      }
    };
  }

  /**
   * Lists of strings: Micronaut Serde reads them with a specialised deserializer that coerces its
   * elements (a {@code 1} in {@code "args": ["a", 1]} became "1"), so they are read strictly here.
   */
  @Singleton
  @Primary
  Deserializer<List<String>> stringLists() {
    return (decoder, context, type) -> {
      Decoder array = decoder.decodeArray();
      List<String> values = new ArrayList<>();
      while (array.hasNextArrayValue()) {
        JsonNode node = array.decodeNode();
        if (node.isNull()) {
          values.add(null);
        } else if (node.isString()) {
          values.add(node.getStringValue());
        } else {
          throw array.createDeserializationException(
              "expected a string in the list, got " + describe(node), null);
        }
      }
      array.finishStructure();
      return values;
    };
  }

  /** The value of an integral JSON number, or null when the node is not one. */
  static BigDecimal integral(JsonNode node) {
    if (!node.isNumber()) {
      return null;
    }
    BigDecimal value = new BigDecimal(node.getNumberValue().toString());
    return value.stripTrailingZeros().scale() <= 0 ? value : null;
  }

  /** Reads the value as a tree and converts it, or fails naming what was expected. */
  private abstract static class Strict<T> implements Deserializer<T> {
    private final String expected;

    Strict(String expected) {
      this.expected = expected;
    }

    /** The value, or null when the node is of another type. */
    abstract T convert(JsonNode node);

    @Override
    public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type)
        throws IOException {
      JsonNode node = decoder.decodeNode();
      T value;
      try {
        value = convert(node);
      } catch (ArithmeticException e) {
        value = null;
      }
      if (value == null) {
        throw decoder.createDeserializationException(
            "expected " + expected + ", got " + describe(node), null);
      }
      return value;
    }
  }

  private static String describe(JsonNode node) {
    if (node.isString()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return node.getBooleanValue() ? "true" : "false";
    }
    if (node.isNumber()) {
      return "the number " + node.getNumberValue();
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }
}
