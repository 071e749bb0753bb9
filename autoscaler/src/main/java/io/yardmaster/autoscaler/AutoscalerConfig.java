package io.yardmaster.autoscaler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * The autoscaler loop's settings, bound from {@code yardmaster.autoscaler.*}.
 *
 * @param tick how often each pool is evaluated
 * @param maxProvisioningTime a VM not registered as a NodeManager after this long is deleted
 * @param backoffBase the first back-off of a pool whose VMs failed to come up (doubles each time)
 * @param backoffMax the longest back-off
 * @param defaultRetryAfter how long to hold writes after a 429 that named no Retry-After
 * @param removalHostsFile where to list hosts being removed for the placement policy ({@code
 *     {cluster}} is replaced by the cluster name); null: not written
 * @param decommissioner {@code yarn-admin} (the default: the RM admin protocol with an exclude
 *     file) or {@code simulator} (the simulator's RM admin endpoint, on the embedded default only)
 * @param instanceId names this instance in decisions and in Quartz (default: pid@host)
 * @param schedulerEnabled whether Quartz ticks the pools (default true)
 * @param clusterCheckinInterval how often a clustered Quartz instance checks in (default 7.5 s); a
 *     silent instance's triggers are taken over after about this long
 * @param operationTimeout how long a cloud operation is followed (default 30 min): one still
 *     running after this is abandoned, and the pool decides again from a fresh read
 * @param schedulerThreads Quartz worker threads, the ticks that may run at once (default 10); a
 *     tick holds one only for its reads and one write request, never for a cloud operation
 */
@ConfigurationProperties(AutoscalerConfig.PREFIX)
public record AutoscalerConfig(
    @Nullable Duration tick,
    @Nullable Duration maxProvisioningTime,
    @Nullable Duration backoffBase,
    @Nullable Duration backoffMax,
    @Nullable Duration defaultRetryAfter,
    @Nullable String removalHostsFile,
    @Nullable String decommissioner,
    @Nullable String instanceId,
    @Nullable Boolean schedulerEnabled,
    @Nullable Duration clusterCheckinInterval,
    @Nullable Duration operationTimeout,
    @Nullable Integer schedulerThreads) {
  public static final String PREFIX = "yardmaster.autoscaler";
  public static final String DECOMMISSIONER = PREFIX + ".decommissioner";
  public static final String SIMULATOR = "simulator";
  public static final String YARN_ADMIN = "yarn-admin";

  public AutoscalerConfig {
    tick = positive("tick", tick, Duration.ofSeconds(30));
    maxProvisioningTime =
        positive("max-provisioning-time", maxProvisioningTime, Duration.ofMinutes(15));
    backoffBase = positive("backoff-base", backoffBase, Duration.ofMinutes(2));
    backoffMax = positive("backoff-max", backoffMax, Duration.ofMinutes(30));
    defaultRetryAfter = positive("default-retry-after", defaultRetryAfter, Duration.ofMinutes(1));
    removalHostsFile =
        removalHostsFile == null || removalHostsFile.isBlank() ? null : removalHostsFile;
    decommissioner =
        decommissioner == null ? YARN_ADMIN : decommissioner.trim().toLowerCase(Locale.ROOT);
    instanceId =
        instanceId == null || instanceId.isBlank()
            ? ManagementFactory.getRuntimeMXBean().getName()
            : instanceId;
    schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
    clusterCheckinInterval =
        positive("cluster-checkin-interval", clusterCheckinInterval, Duration.ofMillis(7500));
    operationTimeout = positive("operation-timeout", operationTimeout, Duration.ofMinutes(30));
    schedulerThreads = schedulerThreads == null ? 10 : schedulerThreads;
    if (schedulerThreads < 1 || schedulerThreads > 100) {
      throw new InvalidConfigurationException(
          PREFIX + ".scheduler-threads must be between 1 and 100, got " + schedulerThreads);
    }
    if (!decommissioner.equals(SIMULATOR) && !decommissioner.equals(YARN_ADMIN)) {
      throw new InvalidConfigurationException(
          DECOMMISSIONER + " must be simulator or yarn-admin, got '" + decommissioner + "'");
    }
  }

  public static AutoscalerConfig defaults() {
    return new AutoscalerConfig(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The back-off after {@code level} earlier ones: base * 2^level, at most the maximum. */
  public Duration backoff(int level) {
    Duration wait = backoffBase.multipliedBy(1L << Math.min(level, 20));
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    Duration result = value == null ? fallback : value;
    if (result.isZero() || result.isNegative()) {
      throw new InvalidConfigurationException(PREFIX + "." + key + " must be positive");
    }
    return result;
  }
}
