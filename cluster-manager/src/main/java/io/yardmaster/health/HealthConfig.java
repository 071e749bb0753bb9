package io.yardmaster.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.JobsConfig;
import java.time.Duration;

/**
 * The background probes' settings, bound from {@code yardmaster.health.*}. The probes' schedules
 * read the same keys through {@link #INTERVAL} and {@link #INITIAL_DELAY} (an annotation cannot
 * read a bean); binding the record checks the values at start, and {@code SettingsBindingTest}
 * checks that both give the same defaults.
 *
 * @param interval how often the peers (and the database) are probed
 * @param initialDelay how long after start the first probe runs
 */
@ConfigurationProperties(HealthConfig.PREFIX)
public record HealthConfig(@Nullable Duration interval, @Nullable Duration initialDelay) {
  public static final String PREFIX = "yardmaster.health";

  /** {@code @Scheduled(fixedDelay = INTERVAL)}: the probes' period. */
  public static final String INTERVAL = "${" + PREFIX + ".interval:10s}";

  /** {@code @Scheduled(initialDelay = INITIAL_DELAY)}: when the first probe runs. */
  public static final String INITIAL_DELAY = "${" + PREFIX + ".initial-delay:2s}";

  public HealthConfig {
    interval = JobsConfig.positive(PREFIX + ".interval", interval, Duration.ofSeconds(10));
    initialDelay =
        JobsConfig.positive(PREFIX + ".initial-delay", initialDelay, Duration.ofSeconds(2));
  }
}
