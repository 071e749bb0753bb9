package io.yardmaster.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * The job loops' settings, bound from {@code yardmaster.jobs.*} (docs/configuration.md); an unset
 * key keeps its default, and a value out of range stops the start-up naming its key.
 *
 * @param submitInterval the submitter's pass
 * @param trackInterval each cluster's tracking pass (one Livy list per cluster)
 * @param submitLease how long a claimed submission may take before recovery looks it up
 * @param startGrace a job Livy forgot while starting is LOST only after this without a YARN app
 * @param killGrace a job killed before its app existed ends KILLED after this without an app
 */
@ConfigurationProperties(JobsConfig.PREFIX)
public record JobsConfig(
    @Nullable Duration submitInterval,
    @Nullable Duration trackInterval,
    @Nullable Duration submitLease,
    @Nullable Duration startGrace,
    @Nullable Duration killGrace) {
  public static final String PREFIX = "yardmaster.jobs";

  /** Every default, as when nothing is configured. */
  public static final JobsConfig DEFAULTS = new JobsConfig(null, null, null, null, null);

  public JobsConfig {
    submitInterval = positive(PREFIX + ".submit-interval", submitInterval, Duration.ofMillis(500));
    trackInterval = positive(PREFIX + ".track-interval", trackInterval, Duration.ofSeconds(2));
    submitLease = positive(PREFIX + ".submit-lease", submitLease, Duration.ofSeconds(45));
    startGrace = positive(PREFIX + ".start-grace", startGrace, Duration.ofMinutes(5));
    killGrace = positive(PREFIX + ".kill-grace", killGrace, Duration.ofSeconds(30));
  }

  /** {@code value}, or {@code otherwise} when unset; a value that is not positive names its key. */
  public static Duration positive(String key, @Nullable Duration value, Duration otherwise) {
    if (value == null) {
      return otherwise;
    }
    if (value.isZero() || value.isNegative()) {
      throw new InvalidConfigurationException(key + " must be positive, got " + value);
    }
    return value;
  }
}
