package io.yardmaster.core.peer.auth;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a peer's secrets come from: a file ({@code <name>-file}, e.g. a mounted Kubernetes Secret)
 * or an environment variable ({@code <name>-env} names it), never the configuration itself, so a
 * secret is not in a config map, a {@code -D} option or a process listing. Errors name the key and
 * the file or variable, never the value.
 */
final class Secrets {
  private final UnaryOperator<String> environment;

  Secrets(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /**
   * The secret {@code key} names by {@code file} or {@code variable} (at most one of them); empty
   * when neither is set.
   */
  Optional<char[]> read(String key, @Nullable String file, @Nullable String variable) {
    if (file != null && variable != null) {
      throw new InvalidConfigurationException(
          "set one of " + key + "-file and " + key + "-env, not both");
    }
    if (file != null) {
      try {
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        return Optional.of(nonEmpty(key + "-file", file, withoutLineEnd(text)));
      } catch (IOException e) {
        throw new InvalidConfigurationException(
            key + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (variable != null) {
      String value = environment.apply(variable);
      if (value == null) {
        throw new InvalidConfigurationException(
            key + "-env: the environment variable " + variable + " is not set");
      }
      return Optional.of(nonEmpty(key + "-env", variable, value));
    }
    return Optional.empty();
  }

  /** A file written by {@code echo} or an editor ends with a line break that is not the secret. */
  private static String withoutLineEnd(String text) {
    String value = text;
    while (value.endsWith("\n") || value.endsWith("\r")) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }

  private static char[] nonEmpty(String key, String source, String value) {
    if (value.isEmpty()) {
      throw new InvalidConfigurationException(key + ": " + source + " is empty");
    }
    return value.toCharArray();
  }
}
