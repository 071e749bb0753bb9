package io.yardmaster.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.JobsConfig;
import java.time.Duration;

/**
 * The background probes' settings, bound from {@code yardmaster.health.*}; the probes' schedules
 * read the same keys.
 *
 * @param interval how often the peers (and the database) are probed
 * @param initialDelay how long after start the first probe runs
 */
@ConfigurationProperties(HealthConfig.PREFIX)
public record HealthConfig(@Nullable Duration interval, @Nullable Duration initialDelay) {
  public static final String PREFIX = "yardmaster.health";

  public HealthConfig {
    interval = JobsConfig.positive(PREFIX + ".interval", interval, Duration.ofSeconds(10));
    initialDelay =
        JobsConfig.positive(PREFIX + ".initial-delay", initialDelay, Duration.ofSeconds(2));
  }
}
