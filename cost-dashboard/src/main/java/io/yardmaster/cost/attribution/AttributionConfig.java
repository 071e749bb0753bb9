package io.yardmaster.cost.attribution;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The attribution job's settings, bound from {@code yardmaster.cost.attribution.*}
 * (docs/configuration.md); an unset key keeps its default, a value out of range stops the start-up
 * naming its key.
 *
 * @param interval how often the job looks for dirty hours
 * @param batch at most this many hours per pass
 * @param cpuShare the part of a VM's price that pays for its vcores (default 0.52, ADR 0017)
 * @param growWindow see {@link AttributionModel#growWindow()} (default 15 min)
 * @param drainWindow see {@link AttributionModel#drainWindow()} (default 30 min)
 * @param retryAfter an hour that failed is tried again after this, doubling up to an hour
 */
@ConfigurationProperties(AttributionConfig.PREFIX)
public record AttributionConfig(
    @Nullable Duration interval,
    @Nullable Integer batch,
    @Nullable BigDecimal cpuShare,
    @Nullable Duration growWindow,
    @Nullable Duration drainWindow,
    @Nullable Duration retryAfter) {
  public static final String PREFIX = "yardmaster.cost.attribution";

  public static final AttributionConfig DEFAULTS =
      new AttributionConfig(null, null, null, null, null, null);

  public AttributionConfig {
    interval = positive("interval", interval, Duration.ofMinutes(1));
    if (batch == null) {
      batch = 500;
    } else if (batch < 1 || batch > 100_000) {
      throw new InvalidConfigurationException(
          PREFIX + ".batch must be in [1, 100000], got " + batch);
    }
    cpuShare = cpuShare == null ? AttributionModel.DEFAULT_CPU_SHARE : cpuShare;
    try {
      AttributionModel.ppm(cpuShare);
    } catch (RuntimeException e) {
      throw new InvalidConfigurationException(
          PREFIX + ".cpu-share must be a decimal in [0, 1] with at most 6 places, got " + cpuShare);
    }
    growWindow = notNegative("grow-window", growWindow, AttributionModel.DEFAULTS.growWindow());
    drainWindow = notNegative("drain-window", drainWindow, AttributionModel.DEFAULTS.drainWindow());
    retryAfter = positive("retry-after", retryAfter, Duration.ofMinutes(5));
  }

  public AttributionModel model() {
    return new AttributionModel(AttributionModel.ppm(cpuShare), growWindow, drainWindow);
  }

  private static Duration positive(String key, @Nullable Duration value, Duration otherwise) {
    if (value == null) {
      return otherwise;
    }
    if (value.isZero() || value.isNegative()) {
      throw new InvalidConfigurationException(
          PREFIX + "." + key + " must be positive, got " + value);
    }
    return value;
  }

  private static Duration notNegative(String key, @Nullable Duration value, Duration otherwise) {
    if (value == null) {
      return otherwise;
    }
    if (value.isNegative()) {
      throw new InvalidConfigurationException(
          PREFIX + "." + key + " must not be negative, got " + value);
    }
    return value;
  }
}
