package io.yardmaster.core.registry;

/** Start-up refuses bad configuration with this; the message names the offending key. */
public final class InvalidConfigurationException extends RuntimeException {
  public InvalidConfigurationException(String message) {
    super(message);
  }
}
