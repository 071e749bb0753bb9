package io.yardmaster.core.registry;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks shared by the configuration records; every message names the full configuration key. */
final class ConfigurationErrors {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private ConfigurationErrors() {}

  static String checkName(String prefix, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidConfigurationException(
          prefix + "." + name + ": name must be lower-case letters, digits and '-' (1-63 chars)");
    }
    return name;
  }

  static <T> T required(String key, T value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new InvalidConfigurationException(key + " is required");
    }
    return value;
  }

  static URI httpUrl(String key, URI value) {
    required(key, value);
    String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || value.getHost() == null) {
      throw new InvalidConfigurationException(
          key + " must be an absolute http(s) URL, got '" + value + "'");
    }
    return value;
  }

  static int atLeast(String key, Integer value, int defaultValue, int minimum) {
    int result = value == null ? defaultValue : value;
    if (result < minimum) {
      throw new InvalidConfigurationException(key + " must be >= " + minimum + ", got " + result);
    }
    return result;
  }
}
