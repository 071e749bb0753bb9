package io.yardmaster.web.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * Token settings, bound from {@code yardmaster.auth.*}.
 *
 * @param maxTokenLifetime when set, no token is issued to live longer (default: unbounded)
 * @param maxActiveTokens issuing stops beyond this many active tokens (default 10,000)
 */
@ConfigurationProperties(AuthConfig.PREFIX)
public record AuthConfig(@Nullable Duration maxTokenLifetime, @Nullable Integer maxActiveTokens) {
  public static final String PREFIX = "yardmaster.auth";

  public AuthConfig {
    if (maxTokenLifetime != null && (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero())) {
      throw new InvalidConfigurationException(
          PREFIX + ".max-token-lifetime must be positive, got " + maxTokenLifetime);
    }
    maxActiveTokens = maxActiveTokens == null ? 10_000 : maxActiveTokens;
    if (maxActiveTokens < 1) {
      throw new InvalidConfigurationException(
          PREFIX + ".max-active-tokens must be >= 1, got " + maxActiveTokens);
    }
  }
}
