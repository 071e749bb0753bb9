package io.yardmaster.autoscaler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.policy.YardmasterPolicyConfig;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * The production policy's operating point, bound from {@code yardmaster.autoscaler.policy.*}; each
 * unset key keeps {@link YardmasterPolicyConfig#DEFAULTS}. What each one trades is in {@link
 * YardmasterPolicyConfig} and docs/autoscaler.md.
 */
@ConfigurationProperties(PolicyProperties.PREFIX)
public record PolicyProperties(
    @Nullable Duration idleGrace,
    @Nullable Duration scaleInDelayAfterGrow,
    @Nullable Double maxRemovalShare,
    @Nullable Double executorShare) {
  public static final String PREFIX = AutoscalerConfig.PREFIX + ".policy";

  /** The policy's settings; an out-of-range value names its configuration key. */
  public YardmasterPolicyConfig policy() {
    YardmasterPolicyConfig defaults = YardmasterPolicyConfig.DEFAULTS;
    check("idle-grace", idleGrace == null || !idleGrace.isNegative(), "must not be negative");
    check(
        "scale-in-delay-after-grow",
        scaleInDelayAfterGrow == null || !scaleInDelayAfterGrow.isNegative(),
        "must not be negative");
    check("max-removal-share", inUnit(maxRemovalShare), "must be in (0, 1]");
    check("executor-share", inUnit(executorShare), "must be in (0, 1]");
    return new YardmasterPolicyConfig(
        idleGrace == null ? defaults.idleGrace() : idleGrace,
        scaleInDelayAfterGrow == null ? defaults.scaleInDelayAfterGrow() : scaleInDelayAfterGrow,
        maxRemovalShare == null ? defaults.maxRemovalShare() : maxRemovalShare,
        executorShare == null ? defaults.executorShare() : executorShare);
  }

  private static boolean inUnit(@Nullable Double value) {
    return value == null || (value > 0 && value <= 1);
  }

  private static void check(String key, boolean valid, String rule) {
    if (!valid) {
      throw new InvalidConfigurationException(PREFIX + "." + key + " " + rule);
    }
  }
}
