package io.yardmaster.cost.collect;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * How collection runs, from {@code yardmaster.cost.collect.*}.
 *
 * @param interval how often each RM is read (two requests per RM per pass, whatever the number of
 *     apps): also how often a running app's usage so far is updated, so at most an hour
 * @param overlap how far before the watermark (the newest finishedTime stored) each pass asks from,
 *     so an app whose finish the RM records late is still read
 * @param vmInterval how often each node pool's VM list is read: a deleted VM's end is known to
 *     within it
 */
@ConfigurationProperties(CollectConfig.PREFIX)
public record CollectConfig(
    @Nullable Duration interval, @Nullable Duration overlap, @Nullable Duration vmInterval) {
  public static final String PREFIX = "yardmaster.cost.collect";

  // The schedules' placeholders (an annotation cannot read a bean), with the record's defaults.
  public static final String INTERVAL = "${" + PREFIX + ".interval:5m}";
  public static final String VM_INTERVAL = "${" + PREFIX + ".vm-interval:1m}";
  public static final String INITIAL_DELAY = "${" + PREFIX + ".initial-delay:5s}";

  public CollectConfig {
    interval = positive("interval", interval, Duration.ofMinutes(5));
    if (interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new InvalidConfigurationException(
          PREFIX + ".interval must be at most 1h (running apps accrue at least hourly)");
    }
    overlap = overlap == null ? Duration.ofMinutes(10) : overlap;
    if (overlap.isNegative()) {
      throw new InvalidConfigurationException(PREFIX + ".overlap must not be negative");
    }
    vmInterval = positive("vm-interval", vmInterval, Duration.ofMinutes(1));
  }

  public static CollectConfig defaults() {
    return new CollectConfig(null, null, null);
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(
          PREFIX + "." + key + " must be positive, got " + value);
    }
    return value;
  }
}
