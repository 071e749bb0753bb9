package io.yardmaster.web.teams;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Stores a team's Spark conf map as a JSON object in a text column (H2 and PostgreSQL alike). */
@Singleton
public final class SparkConfColumn implements AttributeConverter<Map<String, String>, String> {
  private final JsonMapper json;

  public SparkConfColumn(JsonMapper json) {
    this.json = json;
  }

  @Override
  public String convertToPersistedValue(Map<String, String> conf, ConversionContext context) {
    try {
      return json.writeValueAsString(conf == null ? Map.of() : new TreeMap<>(conf));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a team's Spark conf", e);
    }
  }

  @Override
  public Map<String, String> convertToEntityValue(String column, ConversionContext context) {
    if (column == null || column.isBlank()) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(
          new TreeMap<>(json.readValue(column, Argument.mapOf(String.class, String.class))));
    } catch (IOException e) {
      throw new UncheckedIOException("a team's stored Spark conf is not a JSON object", e);
    }
  }
}
