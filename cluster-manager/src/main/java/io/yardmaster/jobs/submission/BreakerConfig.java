package io.yardmaster.jobs.submission;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import io.yardmaster.jobs.JobsConfig;
import java.time.Duration;

/**
 * The Livy circuit breaker's settings, bound from {@code yardmaster.jobs.breaker.*}.
 *
 * @param threshold Livy failures in a row that skip a cluster
 * @param coolDown for how long the cluster is skipped
 */
@ConfigurationProperties(BreakerConfig.PREFIX)
public record BreakerConfig(@Nullable Integer threshold, @Nullable Duration coolDown) {
  public static final String PREFIX = JobsConfig.PREFIX + ".breaker";

  public BreakerConfig {
    threshold = threshold == null ? 3 : threshold;
    if (threshold < 1) {
      throw new InvalidConfigurationException(
          PREFIX + ".threshold must be at least 1, got " + threshold);
    }
    coolDown = JobsConfig.positive(PREFIX + ".cool-down", coolDown, Duration.ofSeconds(30));
  }
}
